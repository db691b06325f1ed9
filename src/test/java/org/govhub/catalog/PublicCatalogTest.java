package org.govhub.catalog;

import static io.restassured.RestAssured.given;
import static org.govhub.catalog.CatalogSteps.ITEMS;
import static org.govhub.catalog.CatalogSteps.add;
import static org.govhub.catalog.CatalogSteps.approve;
import static org.govhub.catalog.CatalogSteps.code;
import static org.govhub.catalog.CatalogSteps.freshSubject;
import static org.govhub.catalog.CatalogSteps.item;
import static org.govhub.catalog.CatalogSteps.publicGet;
import static org.govhub.catalog.CatalogSteps.published;
import static org.govhub.catalog.CatalogSteps.submitted;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.govhub.testing.HubTest;
import org.junit.jupiter.api.Test;

/** The published catalogue is public: search by region, department, type and Chinese name; export as JSON and CSV. */
@QuarkusTest
@HubTest
class PublicCatalogTest {
    static final CatalogSteps.Actors actors = new CatalogSteps.Actors();

    private static Map<String, Object> named(String code, String name) {
        Map<String, Object> item = item(code);
        item.put("name", name);
        return item;
    }

    @Test
    void searchFindsItemsByChineseNameWithoutAToken() {
        String subject = freshSubject();
        String hit = published(actors, named(code(subject, "XK", 1), "危险化学品经营许可"));
        published(actors, named(code(subject, "XK", 2), "烟花爆竹经营许可"));

        given().queryParam("q", "化学品").queryParam("department", subject.substring(8)).get(ITEMS)
                .then().statusCode(200).body("total", equalTo(1)).body("items.code", contains(hit))
                .body("items[0].name", equalTo("危险化学品经营许可")).body("items[0].typeName", equalTo("行政许可"))
                .body("items[0].handlingSubject", equalTo("温州市龙湾区安全生产监督管理局"));
    }

    @Test
    void searchIgnoresLetterCase() {
        String subject = freshSubject();
        String hit = published(actors, named(code(subject, "FW", 1), "ABC窗口代办服务"));

        given().queryParam("q", "abc窗口").queryParam("department", subject.substring(8)).get(ITEMS)
                .then().statusCode(200).body("items.code", contains(hit));
    }

    @Test
    void percentAndUnderscoreInTheSearchAreTakenLiterally() {
        String subject = freshSubject();
        String literal = published(actors, named(code(subject, "QT", 1), "收费标准100%_公示"));
        published(actors, named(code(subject, "QT", 2), "收费标准100元公示"));

        given().queryParam("q", "100%_").queryParam("department", subject.substring(8)).get(ITEMS)
                .then().statusCode(200).body("items.code", contains(literal));
        given().queryParam("q", "_").queryParam("department", subject.substring(8)).get(ITEMS)
                .then().statusCode(200).body("items.code", contains(literal));
    }

    @Test
    void filtersByRegionPrefixDepartmentAndType() {
        String department = freshSubject().substring(8);
        String longwan = published(actors, item(code("33030300" + department, "CF", 1)));
        String township = published(actors, item(code("33030312" + department, "CF", 1)));
        String ouhai = published(actors, item(code("33030400" + department, "CF", 1)));
        published(actors, item(code("33030300" + department, "XK", 1)));

        given().queryParam("region", "330303").queryParam("department", department).queryParam("type", "CF").get(ITEMS)
                .then().statusCode(200).body("items.code", contains(longwan, township));
        given().queryParam("region", "33030312").queryParam("department", department).get(ITEMS)
                .then().statusCode(200).body("items.code", contains(township));
        given().queryParam("region", "3303").queryParam("department", department).queryParam("type", "CF").get(ITEMS)
                .then().statusCode(200).body("items.code", contains(longwan, township, ouhai));
    }

    @Test
    void pagesCountFromOneAndReportTheTotal() {
        String subject = freshSubject();
        for (int i = 1; i <= 3; i++) {
            published(actors, item(code(subject, "JG", i)));
        }

        given().queryParam("department", subject.substring(8)).queryParam("size", 2).queryParam("page", 2).get(ITEMS)
                .then().statusCode(200).body("total", equalTo(3)).body("page", equalTo(2)).body("size", equalTo(2))
                .body("items.code", contains(code(subject, "JG", 3)));
    }

    @Test
    void badFiltersAreA400NamingEachOne() {
        given().queryParam("region", "33a").queryParam("department", "aj").queryParam("page", "0").queryParam("size", "9999")
                .get(ITEMS).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("region", "department", "page", "size"));
        given().queryParam("type", "XX").get(ITEMS).then().statusCode(400).body("errors[0].field", equalTo("type"));
    }

    @Test
    void pageBeyondAnyListIsA400NotAnOverflow() {
        given().queryParam("page", Integer.MAX_VALUE).queryParam("size", 200).get(ITEMS)
                .then().statusCode(400).body("errors[0].field", equalTo("page"));
    }

    @Test
    void pendingItemsAreNotListed() {
        String subject = freshSubject();
        long changeId = submitted(actors.editor(), add(item(code(subject, "ZS", 1))));

        given().queryParam("department", subject.substring(8)).get(ITEMS).then().statusCode(200).body("items", empty());
        given().auth().oauth2(actors.editor()).queryParam("department", subject.substring(8)).get(ITEMS)
                .then().statusCode(200).body("items", empty());
        approve(actors.reviewer(), changeId).statusCode(200);
        given().queryParam("department", subject.substring(8)).get(ITEMS).then().statusCode(200).body("total", equalTo(1));
    }

    @Test
    void jsonExportIsTheImportableArrayOfEffectiveItems() throws Exception {
        String subject = freshSubject();
        String effective = published(actors, item(code(subject, "CF", 1)));
        String pending = code(subject, "CF", 2);
        submitted(actors.editor(), add(item(pending)));

        byte[] body = publicGet(ITEMS + "/export?format=json").statusCode(200).contentType("application/json")
                .header("Content-Disposition", "attachment; filename=\"power-items.json\"").extract().asByteArray();
        JsonNode exported = new ObjectMapper().readTree(body);

        assertTrue(exported.isArray());
        List<String> codes = exported.findValuesAsText("code");
        assertTrue(codes.contains(effective), codes.toString());
        assertTrue(!codes.contains(pending), codes.toString());
        for (JsonNode exportedItem : exported) {
            if (exportedItem.path("code").asText().equals(effective)) {
                assertEquals(30000, exportedItem.path("discretionBaseline").path(1).path("maxYuan").asInt());
            }
        }
    }

    @Test
    void csvExportHasAHeaderAndOneRowPerEffectiveItem() {
        String subject = freshSubject();
        Map<String, Object> item = named(code(subject, "XK", 1), "建设项目安全设施\"三同时\"审查, 含变更");
        String code = published(actors, item);

        byte[] bytes = publicGet(ITEMS + "/export?format=csv").statusCode(200).contentType("text/csv")
                .header("Content-Disposition", "attachment; filename=\"power-items.csv\"").extract().asByteArray();
        String csv = new String(bytes, StandardCharsets.UTF_8);

        assertTrue(csv.startsWith("\uFEFFcode,name,type,typeName,subjectCode,department,"), csv.substring(0, 80));
        String row = csv.lines().filter(line -> line.startsWith(code)).findFirst().orElseThrow();
        assertTrue(row.startsWith(code + ",\"建设项目安全设施\"\"三同时\"\"审查, 含变更\",XK,行政许可," + subject + ","), row);
        assertTrue(row.contains(",10 working-days,20 working-days,申请书；安全生产管理制度,"), row);
    }

    @Test
    void unknownExportFormatIsA400() {
        publicGet(ITEMS + "/export?format=xlsx").statusCode(400).body("errors[0].field", equalTo("format"));
    }

    @Test
    void retiredItemIsNotExported() {
        String code = published(actors, item(code(freshSubject(), "DL", 1)));
        CatalogSteps.approved(actors, CatalogSteps.change("cancel", List.of(code), List.of()));

        String json = publicGet(ITEMS + "/export").statusCode(200).extract().asString();
        assertTrue(!json.contains(code));
        publicGet(ITEMS).statusCode(200).body("items.code", not(hasItem(code)));
    }
}
