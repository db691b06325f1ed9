package org.govhub.catalog;

import static io.restassured.RestAssured.given;
import static org.govhub.catalog.CatalogSteps.ITEMS;
import static org.govhub.catalog.CatalogSteps.approve;
import static org.govhub.catalog.CatalogSteps.code;
import static org.govhub.catalog.CatalogSteps.count;
import static org.govhub.catalog.CatalogSteps.freshSubject;
import static org.govhub.catalog.CatalogSteps.item;
import static org.govhub.catalog.CatalogSteps.publicGet;
import static org.govhub.catalog.CatalogSteps.published;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.govhub.testing.HubTest;
import org.junit.jupiter.api.Test;

/** A department's whole catalogue comes in as one reviewed change, all or nothing. */
@QuarkusTest
@HubTest
class ItemImportTest {
    static final CatalogSteps.Actors actors = new CatalogSteps.Actors();
    private static final String[] TYPES = {"XK", "SP", "CF", "QZ", "ZS", "GF", "JL", "QR", "ZY", "CJ", "JG", "DL", "FW", "QT"};

    @Inject
    AgroalDataSource db;

    /** {@code n} valid items of one department, cycling through all 14 types. */
    private static List<Map<String, Object>> catalogue(String subject, int n) {
        List<Map<String, Object>> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(item(code(subject, TYPES[i % TYPES.length], i / TYPES.length + 1)));
        }
        return rows;
    }

    private static ValidatableResponse importing(String token, Object rows) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(rows).post(ITEMS + "/imports").then();
    }

    private long itemsOf(String subject) {
        return count(db, "select count(*) from catalog_item where subject_code = ?", subject);
    }

    @Test
    void importOfTwoThousandItemsBecomesOneChangeThatPublishesAllAtOnce() {
        String subject = freshSubject();
        List<Map<String, Object>> rows = catalogue(subject, 2000);

        long started = System.nanoTime();
        long changeId = importing(actors.editor(), rows).statusCode(201)
                .body("kind", equalTo("add")).body("entryCount", equalTo(2000))
                .body("reason", equalTo("bulk import of 2000 items"))
                .extract().jsonPath().getLong("id");
        assertEquals(2000, itemsOf(subject));
        assertEquals(0, count(db, "select count(*) from catalog_item where subject_code = ? and status = 'EFFECTIVE'", subject));

        approve(actors.reviewer(), changeId).statusCode(200);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertEquals(2000, count(db, "select count(*) from catalog_item where subject_code = ? and status = 'EFFECTIVE'", subject));
        given().queryParam("department", subject.substring(8)).get(ITEMS).then().statusCode(200).body("total", equalTo(2000));
        assertTrue(took.toSeconds() < 60, "import and approval of 2000 items took " + took);
    }

    @Test
    void oneBadRowRejectsTheWholeFileNamingRowAndField() {
        String subject = freshSubject();
        List<Map<String, Object>> rows = catalogue(subject, 2000);
        rows.get(1234).remove("legalBasis");
        long changesBefore = count(db, "select count(*) from catalog_change");

        importing(actors.editor(), rows).statusCode(400).contentType("application/problem+json")
                .body("errors.size()", equalTo(1))
                .body("errors[0].field", equalTo("[1234].legalBasis"))
                .body("errors[0].message", containsString("an item without legal basis is not admitted"));

        assertEquals(0, itemsOf(subject), "items were written");
        assertEquals(changesBefore, count(db, "select count(*) from catalog_change"), "a change request was written");
        assertEquals(0, count(db, "select count(*) from catalog_change_entry where subject_code = ?", subject));
    }

    @Test
    void reportNamesEveryBadRow() {
        String subject = freshSubject();
        List<Map<String, Object>> rows = catalogue(subject, 30);
        rows.get(3).put("name", "");
        rows.get(17).put("code", "33030300AJ-XK-01");
        ((Map<String, Object>) rows.get(28)).put("statutoryTimeLimit", Map.of("value", 5, "unit", "hours"));

        importing(actors.editor(), rows).statusCode(400)
                .body("errors.field", hasItems("[3].name", "[17].code", "[28].statutoryTimeLimit.unit"));
        assertEquals(0, itemsOf(subject));
    }

    @Test
    void aCodeTwiceInTheFileIsReported() {
        String subject = freshSubject();
        List<Map<String, Object>> rows = catalogue(subject, 5);
        Map<String, Object> twin = item((String) rows.get(1).get("code"));
        twin.put("name", "重复");
        rows.set(4, twin);

        importing(actors.editor(), rows).statusCode(400)
                .body("errors[0].field", equalTo("[4].code"))
                .body("errors[0].message", containsString("is also at [1]"));
    }

    @Test
    void aRowWithAnAlreadyUsedCodeRejectsTheFile() {
        String subject = freshSubject();
        String used = published(actors, item(code(subject, "QZ", 1)));
        List<Map<String, Object>> rows = new ArrayList<>(List.of(item(code(subject, "QZ", 2)), item(used)));

        importing(actors.editor(), rows).statusCode(409).contentType("application/problem+json")
                .body("errors[0].field", equalTo("[1].code"));
        publicGet(ITEMS + "/" + code(subject, "QZ", 2)).statusCode(404);
        assertEquals(1, itemsOf(subject));
    }

    @Test
    void importOutsideTheRegionIsForbidden() {
        String subject = freshSubject("33070200");

        importing(actors.editor(), catalogue(subject, 3)).statusCode(403).body("detail", containsString("[0].code"));
        assertEquals(0, itemsOf(subject));
    }

    @Test
    void importNeedsAnArrayOfItems() {
        importing(actors.editor(), Map.of("code", "x")).statusCode(400).contentType("application/problem+json");
        importing(actors.editor(), List.of()).statusCode(400);
        importing(actors.editor(), List.of("not an item")).statusCode(400).body("errors[0].field", equalTo("[0]"));
    }

    @Test
    void exportedJsonImportsBackUnchanged() {
        String source = freshSubject();
        String code = published(actors, item(code(source, "CF", 1)));
        String exported = publicGet(ITEMS + "/" + code).statusCode(200).extract().jsonPath().prettify();
        Map<String, Object> document = io.restassured.path.json.JsonPath.from(exported).getMap("item");
        String target = freshSubject();
        document.put("code", code(target, "CF", 1));

        long changeId = importing(actors.editor(), List.of(document)).statusCode(201).extract().jsonPath().getLong("id");
        approve(actors.reviewer(), changeId).statusCode(200);

        publicGet(ITEMS + "/" + code(target, "CF", 1)).statusCode(200)
                .body("item.discretionBaseline[1].minYuan", equalTo(1000))
                .body("item.legalBasis[0].title", equalTo("中华人民共和国安全生产法"));
    }
}
