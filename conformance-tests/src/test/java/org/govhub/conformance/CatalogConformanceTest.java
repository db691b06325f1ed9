package org.govhub.conformance;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The published catalogue: code rules at the edge, review before anything becomes public. */
class CatalogConformanceTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "33030300aj-CF-0003 | department",
            "33030300AJ-XX-0003 | XX",
            "33030300AJ-CF-0000 | 0000",
            "3303030AJ-CF-0003  | 8",
            "33030300AJ-CF-003  | 4",
            "33030300AJCF0003   | hyphen"})
    void malformedCodeIsRejectedWithASpecificMessage(String code, String mentioned) {
        Hub.anonymous().get("/api/v1/items/" + code.trim())
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString(mentioned.trim()));
    }

    @Test
    void unknownButWellFormedCodeIs404Problem() {
        Hub.anonymous().get("/api/v1/items/" + Hub.nodeRegion() + "00ZZ-QT-9999")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void itemBecomesPublicOnlyAfterAnotherClientApprovesIt() {
        String editor = Hub.registeredToken("catalog-editor");
        String reviewer = Hub.registeredToken("catalog-reviewer");
        String subject = Hub.nodeRegion() + "00" + "YZ";
        String code = Hub.anonymous().auth().oauth2(editor).contentType(ContentType.JSON)
                .body(Map.of("subjectCode", subject, "type", "QT")).post("/api/v1/items/codes")
                .then().statusCode(201).extract().path("code");
        String name = "一致性测试事项 " + code;
        Map<String, Object> item = Map.of(
                "code", code, "name", name,
                "legalBasis", List.of(Map.of("rank", "law", "title", "中华人民共和国行政许可法", "article", "第十二条")),
                "subject", Map.of("name", "一致性测试局", "nature", "statutory-organ"),
                "handlingDepartment", "测试科", "address", "测试地址", "phone", "0577-00000000",
                "supervisionPhone", "0577-00000001");
        long changeId = Hub.anonymous().auth().oauth2(editor).contentType(ContentType.JSON)
                .body(Map.of("kind", "add", "reason", "conformance", "sources", List.of(), "items", List.of(item)))
                .post("/api/v1/items/changes").then().statusCode(201).extract().jsonPath().getLong("id");

        Hub.anonymous().get("/api/v1/items/" + code).then().statusCode(404);
        Hub.anonymous().auth().oauth2(editor).contentType(ContentType.JSON).body(Map.of("reason", "own change"))
                .post("/api/v1/catalog/changes/" + changeId + "/approval").then().statusCode(403);

        Hub.anonymous().auth().oauth2(reviewer).contentType(ContentType.JSON).body(Map.of("reason", "依法审核通过"))
                .post("/api/v1/catalog/changes/" + changeId + "/approval").then().statusCode(200);
        Hub.anonymous().get("/api/v1/items/" + code).then().statusCode(200)
                .body("item.code", equalTo(code)).body("item.name", equalTo(name)).body("status", equalTo("effective"));
        Hub.anonymous().queryParam("q", "一致性测试事项").get("/api/v1/items").then().statusCode(200)
                .body("items.code", hasItem(code));
        Hub.anonymous().get("/api/v1/items/" + code + "/history").then().statusCode(200).body(notNullValue());
        Hub.anonymous().queryParam("format", "csv").get("/api/v1/items/export").then().statusCode(200)
                .body(containsString(code));
    }

    @Test
    void draftsAreNotInThePublicSearch() {
        String editor = Hub.registeredToken("catalog-editor");
        String subject = Hub.nodeRegion() + "00" + "YY";
        String code = Hub.anonymous().auth().oauth2(editor).contentType(ContentType.JSON)
                .body(Map.of("subjectCode", subject, "type", "FW")).post("/api/v1/items/codes")
                .then().statusCode(201).extract().path("code");
        Hub.anonymous().queryParam("q", code).get("/api/v1/items").then().statusCode(200)
                .body("items.code", not(hasItem(code)));
    }
}
