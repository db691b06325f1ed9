package org.govhub.supervision;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.govhub.supervision.CaseTiming.TimedStep;
import org.govhub.testing.Clients;

/**
 * Real cases for the supervision tests: effective catalogue items made through the catalogue's API (an
 * editor submits, a reviewer approves), case records pushed by a platform through the case library's
 * API, and the follower taking them in from the change feed.
 */
final class SupervisedCases {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private SupervisedCases() {
    }

    static String platformToken() {
        return TestTokens.token("platform@33", () -> Clients.register("33", "platform"));
    }

    static void catalogueTokens() {
        editorToken();
        reviewerToken();
    }

    private static String editorToken() {
        return TestTokens.token("catalog-editor@33", () -> Clients.register("33", "catalog-editor"));
    }

    private static String reviewerToken() {
        return TestTokens.token("catalog-reviewer@33", () -> Clients.register("33", "catalog-reviewer"));
    }

    /** Licensing (XK) items with the given codes, submitted in one change and approved: effective at once. */
    static void effectiveItems(List<String> codes) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (String code : codes) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("code", code);
            item.put("name", "危险化学品经营许可" + code);
            item.put("legalBasis", List.of(Map.of("rank", "law", "title", "中华人民共和国安全生产法", "article", "第二十条")));
            item.put("subject", Map.of("name", "测试区应急管理局", "nature", "statutory-organ"));
            item.put("handlingDepartment", "行政许可科");
            item.put("address", "测试区政务服务中心");
            item.put("phone", "0577-86961234");
            item.put("supervisionPhone", "0577-86965678");
            item.put("acceptanceConditions", "申请人具备相应的安全生产条件");
            item.put("materials", List.of(Map.of("name", "申请书", "copies", 1), Map.of("name", "安全生产管理制度")));
            item.put("statutoryTimeLimit", Map.of("value", 20, "unit", "working-days"));
            item.put("promisedTimeLimit", Map.of("value", 10, "unit", "working-days"));
            item.put("fees", Map.of("charged", false));
            items.add(item);
        }
        long change = given().auth().oauth2(editorToken()).contentType(ContentType.JSON)
                .body(Map.of("kind", "add", "reason", "监察测试事项", "sources", List.of(), "items", items))
                .post("/api/v1/items/changes").then().statusCode(201).extract().jsonPath().getLong("id");
        given().auth().oauth2(reviewerToken()).contentType(ContentType.JSON).body(Map.of("reason", "依法审核通过"))
                .post("/api/v1/catalog/changes/" + change + "/approval").then().statusCode(200);
    }

    /** Cancels effective items through the catalogue (an editor submits, a reviewer approves). */
    static void cancelItems(List<String> codes) {
        long change = given().auth().oauth2(editorToken()).contentType(ContentType.JSON)
                .body(Map.of("kind", "cancel", "reason", "监察测试撤销", "sources", codes, "items", List.of()))
                .post("/api/v1/items/changes").then().statusCode(201).extract().jsonPath().getLong("id");
        given().auth().oauth2(reviewerToken()).contentType(ContentType.JSON).body(Map.of("reason", "依法审核通过"))
                .post("/api/v1/catalog/changes/" + change + "/approval").then().statusCode(200);
    }

    /** The record a platform pushes for this version of a case. */
    static ObjectNode record(CaseSnapshot c) {
        ObjectNode r = F.objectNode();
        r.put("caseNo", c.caseNo());
        r.put("itemCode", c.itemCode());
        r.put("regionCode", c.regionCode());
        r.put("dataVersion", c.dataVersion());
        ObjectNode applicant = r.putObject("applicant");
        applicant.put("name", "温州某某化工有限公司");
        applicant.put("idType", "credit-code");
        applicant.put("idNumber", "91330300MA2AB1234X");
        r.put("subject", "危险化学品经营许可申请");
        r.put("acceptedAt", c.acceptedAt().toString());
        r.put("acceptor", "政务服务中心窗口 王五");
        if (c.promisedWorkingDays() != null) {
            r.put("promisedWorkingDays", c.promisedWorkingDays());
        }
        if (c.promisedDeadline() != null) {
            r.put("promisedDeadline", c.promisedDeadline().toString());
        }
        r.put("status", c.status());
        ArrayNode steps = r.putArray("steps");
        for (TimedStep step : c.steps()) {
            ObjectNode s = steps.addObject();
            s.put("name", step.stage());
            s.put("action", step.action());
            if (step.post() != null) {
                s.put("post", step.post());
            }
            s.put("actor", "经办人");
            s.put("opinion", "同意");
            if (step.action().equals("correct") || step.action().equals("suspend")) {
                s.put("reason", step.action().equals("correct") ? "申请书缺少法定代表人签字" : "需要专家论证");
            }
            s.put("startedAt", step.startedAt().toString());
            if (step.endedAt() != null) {
                s.put("endedAt", step.endedAt().toString());
            }
        }
        ArrayNode materials = r.putArray("materials");
        materials.addObject().put("name", "申请书").put("required", true).put("submitted", true);
        materials.addObject().put("name", "安全生产管理制度").put("required", true).put("submitted", true);
        if (c.finishedAt() != null) {
            r.putObject("result").put("decision", "准予许可").put("finishedAt", c.finishedAt().toString());
        }
        return r;
    }

    /** Pushes the records as one batch; every record must be stored (created or updated). */
    static JsonPath push(List<ObjectNode> records) {
        ObjectNode body = F.objectNode();
        ArrayNode array = body.putArray("records");
        records.forEach(array::add);
        JsonPath answer = given().auth().oauth2(platformToken()).contentType(ContentType.JSON).body(body.toString())
                .post("/api/v1/cases/batches").then().statusCode(200).extract().jsonPath();
        List<String> outcomes = answer.getList("records.outcome");
        for (int i = 0; i < outcomes.size(); i++) {
            if (!outcomes.get(i).equals("created") && !outcomes.get(i).equals("updated")) {
                throw new AssertionError("record " + i + " was " + outcomes.get(i) + ": " + answer.getList("records").get(i));
            }
        }
        return answer;
    }
}
