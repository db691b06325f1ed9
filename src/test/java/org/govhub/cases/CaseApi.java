package org.govhub.cases;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.util.List;

/** The case endpoints as a platform or aggregator calls them. */
final class CaseApi {
    static final String BATCHES = "/api/v1/cases/batches";
    static final String CHANGES = "/api/v1/cases/changes";

    private CaseApi() {
    }

    static ValidatableResponse push(String token, List<ObjectNode> records) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(CaseSamples.batch(records).toString())
                .post(BATCHES).then();
    }

    /** Pushes and expects the batch to be answered (200); returns the answer. */
    static JsonPath pushed(String token, List<ObjectNode> records) {
        return push(token, records).statusCode(200).extract().jsonPath();
    }

    static List<String> outcomes(JsonPath answer) {
        return answer.getList("records.outcome");
    }

    static ValidatableResponse read(String token, String caseNo) {
        return given().auth().oauth2(token).get("/api/v1/cases/" + caseNo).then();
    }

    static ValidatableResponse versions(String token, String caseNo) {
        return given().auth().oauth2(token).get("/api/v1/cases/" + caseNo + "/versions").then();
    }

    static JsonPath page(String token, long after, int limit) {
        return pageAnswer(token, after, limit).jsonPath();
    }

    /** The same page read with Jackson, far cheaper than JsonPath for pages of a thousand records. */
    static JsonNode pageTree(String token, long after, int limit) throws IOException {
        return CaseJson.MAPPER.readTree(pageAnswer(token, after, limit).asByteArray());
    }

    private static ExtractableResponse<Response> pageAnswer(String token, long after, int limit) {
        return given().auth().oauth2(token).queryParam("after", after).queryParam("limit", limit).get(CHANGES)
                .then().statusCode(200).extract();
    }
}
