package org.govhub.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Electronic supervision through its public interface, on the packaged jar's embedded defaults (H2): the
 * rules repository, alerts raised from pushed cases (deadline cards and a finding), the alert workflow,
 * the statistics for every grouping and the replay.
 */
class SupervisionConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The node's region as a rule scope: 330303 stays, 330300 becomes 3303, 330000 becomes 33. */
    private static String scope() {
        String region = Hub.nodeRegion();
        while (region.length() > 2 && region.endsWith("00")) {
            region = region.substring(0, region.length() - 2);
        }
        return region;
    }

    private static String licensingItem() {
        String editor = Hub.registeredToken("catalog-editor");
        String reviewer = Hub.registeredToken("catalog-reviewer");
        Random random = new Random();
        for (int attempt = 0; attempt < 20; attempt++) {
            String code = Hub.nodeRegion() + "00" + (char) ('A' + random.nextInt(26)) + (char) ('A' + random.nextInt(26))
                    + "-XK-0001";
            Map<String, Object> item = new java.util.LinkedHashMap<>();
            item.put("code", code);
            item.put("name", "一致性测试许可事项");
            item.put("legalBasis", List.of(Map.of("rank", "law", "title", "中华人民共和国安全生产法", "article", "第二十条")));
            item.put("subject", Map.of("name", "应急管理局", "nature", "statutory-organ"));
            item.put("handlingDepartment", "行政许可科");
            item.put("address", "行政服务中心");
            item.put("phone", "0577-88961234");
            item.put("supervisionPhone", "0577-88965678");
            item.put("acceptanceConditions", "具备安全生产条件");
            item.put("materials", List.of(Map.of("name", "申请书")));
            item.put("statutoryTimeLimit", Map.of("value", 20, "unit", "working-days"));
            item.put("promisedTimeLimit", Map.of("value", 10, "unit", "working-days"));
            item.put("fees", Map.of("charged", false));
            Response submitted = Hub.anonymous().auth().oauth2(editor).contentType(ContentType.JSON)
                    .body(Map.of("kind", "add", "reason", "conformance", "sources", List.of(), "items", List.of(item)))
                    .post("/api/v1/items/changes");
            if (submitted.statusCode() == 409) {
                continue;
            }
            assertEquals(201, submitted.statusCode(), submitted.asString());
            Hub.anonymous().auth().oauth2(reviewer).contentType(ContentType.JSON).body(Map.of("reason", "通过"))
                    .post("/api/v1/catalog/changes/" + submitted.jsonPath().getLong("id") + "/approval")
                    .then().statusCode(200);
            return code;
        }
        throw new IllegalStateException("no free item code found");
    }

    /** An open case accepted on 2 November 2026 with 2 promised working days, returned (退回) without a reason. */
    private static String pushOverdueCase() throws Exception {
        return pushOverdueCase(licensingItem());
    }

    private static String pushOverdueCase(String itemCode) throws Exception {
        String caseNo = "conf-sup-" + System.nanoTime();
        ObjectNode r = JSON.createObjectNode();
        r.put("caseNo", caseNo).put("itemCode", itemCode).put("regionCode", Hub.nodeRegion()).put("dataVersion", 1);
        r.putObject("applicant").put("name", "某某公司").put("idType", "credit-code").put("idNumber", "91330300MA2AB1234X");
        r.put("subject", "危险化学品经营许可").put("acceptedAt", "2026-11-02T09:30:00+08:00").put("acceptor", "王五");
        r.put("promisedWorkingDays", 2).put("status", "returned");
        ArrayNode steps = r.putArray("steps");
        steps.addObject().put("name", "受理").put("action", "accept").put("post", "窗口")
                .put("startedAt", "2026-11-02T09:30:00+08:00").put("endedAt", "2026-11-02T10:00:00+08:00");
        steps.addObject().put("name", "审查").put("action", "return").put("post", "科员")
                .put("startedAt", "2026-11-03T09:30:00+08:00");
        r.putArray("materials").addObject().put("name", "申请书").put("required", true).put("submitted", true);
        ObjectNode body = JSON.createObjectNode();
        body.putArray("records").add(r);
        Hub.anonymous().auth().oauth2(Hub.registeredToken("platform")).contentType(ContentType.JSON)
                .body(JSON.writeValueAsString(body)).post("/api/v1/cases/batches").then().statusCode(200);
        return caseNo;
    }

    /** Supervision follows the case feed on a schedule (every 5 s by default): wait for its alerts. */
    private static List<Map<String, Object>> alertsOf(String supervisor, String caseNo, int expected) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            List<Map<String, Object>> alerts = Hub.anonymous().auth().oauth2(supervisor).queryParam("caseNo", caseNo)
                    .get("/api/v1/supervision/alerts").then().statusCode(200).extract().jsonPath().getList("alerts");
            if (alerts.size() >= expected || System.currentTimeMillis() > deadline) {
                return alerts;
            }
            Thread.sleep(500);
        }
    }

    @Test
    void ruleSetChangesAreVersionedAndApplied() {
        String supervisor = Hub.registeredToken("supervisor");
        int before = Hub.anonymous().auth().oauth2(supervisor).get("/api/v1/supervision/rules/" + scope() + "/versions")
                .then().statusCode(200).extract().jsonPath().getList("versions").size();

        Hub.anonymous().auth().oauth2(supervisor).contentType(ContentType.JSON)
                .body(Map.of("yellowSharePercent", 80, "correctionLimit", 3, "note", "一致性测试"))
                .put("/api/v1/supervision/rules/" + scope()).then().statusCode(200)
                .body("version", org.hamcrest.Matchers.equalTo(before + 1));
        Hub.anonymous().auth().oauth2(supervisor).get("/api/v1/supervision/rules/" + scope()).then().statusCode(200)
                .body("regionPrefix", org.hamcrest.Matchers.equalTo(scope()))
                .body("version", org.hamcrest.Matchers.equalTo(before + 1));
    }

    @Test
    void overdueCaseGetsBothCardsAndItsFindingAnAlertThatASupervisorWorksThrough() throws Exception {
        String supervisor = Hub.registeredToken("supervisor");
        String caseNo = pushOverdueCase();

        List<Map<String, Object>> alerts = alertsOf(supervisor, caseNo, 3);
        assertEquals(List.of("missing-reason:yellow", "deadline:red", "deadline:yellow").stream().sorted().toList(),
                alerts.stream().map(a -> a.get("rule") + ":" + a.get("level")).sorted().toList());
        Object red = alerts.stream().filter(a -> a.get("level").equals("red")).findFirst().orElseThrow().get("id");
        Hub.anonymous().auth().oauth2(supervisor).post("/api/v1/supervision/alerts/" + red + "/acknowledgement")
                .then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("acknowledged"));
        Hub.anonymous().auth().oauth2(supervisor).contentType(ContentType.JSON).body(Map.of("note", "已督促整改"))
                .post("/api/v1/supervision/alerts/" + red + "/investigation").then().statusCode(200);
        Hub.anonymous().auth().oauth2(supervisor).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/supervision/alerts/" + red + "/closure").then().statusCode(200)
                .body("steps.action", org.hamcrest.Matchers.contains("raised", "acknowledged", "investigated", "closed"));

        Hub.anonymous().auth().oauth2(supervisor).get("/api/v1/supervision/cases/" + caseNo + "/replay")
                .then().statusCode(200)
                .body("versions.dataVersion", org.hamcrest.Matchers.contains(1))
                .body("timeline.kind", org.hamcrest.Matchers.hasItems("step", "version", "finding", "alert", "alert-step"));
    }

    @Test
    void statisticsAnswerForEveryGrouping() throws Exception {
        String supervisor = Hub.registeredToken("supervisor");
        String caseNo = pushOverdueCase();
        alertsOf(supervisor, caseNo, 3);

        for (String groupBy : List.of("department", "item", "stage", "post")) {
            List<Map<String, Object>> groups = Hub.anonymous().auth().oauth2(supervisor).queryParam("groupBy", groupBy)
                    .get("/api/v1/supervision/stats").then().statusCode(200).extract().jsonPath().getList("groups");
            assertTrue(groups.stream().mapToLong(g -> ((Number) g.get("accepted")).longValue()).sum() >= 1, groupBy);
        }
    }

    @Test
    void aRuleSetChangeBasedOnAnOldVersionIsAConflictAndBadRulesAreRefused() {
        String supervisor = Hub.registeredToken("supervisor");
        int current = Hub.anonymous().auth().oauth2(supervisor).get("/api/v1/supervision/rules/" + scope())
                .then().statusCode(200).extract().jsonPath().getInt("version");

        Hub.anonymous().auth().oauth2(supervisor).contentType(ContentType.JSON)
                .body(Map.of("yellowSharePercent", 80, "correctionLimit", 3, "note", "stale", "basedOnVersion", current + 7))
                .put("/api/v1/supervision/rules/" + scope()).then().statusCode(409)
                .contentType("application/problem+json");
        Hub.anonymous().auth().oauth2(supervisor).contentType(ContentType.JSON)
                .body(Map.of("yellowSharePercent", 80, "correctionLimit", 3, "inactiveRules", List.of("no-such-rule")))
                .put("/api/v1/supervision/rules/" + scope()).then().statusCode(400)
                .contentType("application/problem+json");
        Hub.anonymous().auth().oauth2(supervisor).get("/api/v1/supervision/rules/" + scope()).then().statusCode(200)
                .body("version", org.hamcrest.Matchers.equalTo(current));
    }

    @Test
    void supervisionIsForSupervisors() {
        String platform = Hub.registeredToken("platform");
        for (String path : List.of("/api/v1/supervision/alerts", "/api/v1/supervision/rules/" + scope(),
                "/api/v1/supervision/stats?groupBy=stage")) {
            Hub.anonymous().auth().oauth2(platform).get(path).then().statusCode(403)
                    .contentType("application/problem+json");
            Hub.anonymous().get(path).then().statusCode(401);
        }
    }

    @Test
    void alertsFilterByLevelRuleStatusAndDepartment() throws Exception {
        String supervisor = Hub.registeredToken("supervisor");
        String caseNo = pushOverdueCase();
        List<Map<String, Object>> alerts = alertsOf(supervisor, caseNo, 3);
        String department = (String) alerts.get(0).get("department");
        Object red = alerts.stream().filter(a -> a.get("level").equals("red")).findFirst().orElseThrow().get("id");

        Hub.anonymous().auth().oauth2(supervisor).queryParam("caseNo", caseNo).queryParam("level", "red")
                .get("/api/v1/supervision/alerts").then().statusCode(200)
                .body("alerts.id", org.hamcrest.Matchers.contains(red));
        Hub.anonymous().auth().oauth2(supervisor).queryParam("caseNo", caseNo).queryParam("rule", "missing-reason")
                .get("/api/v1/supervision/alerts").then().statusCode(200)
                .body("alerts.rule", org.hamcrest.Matchers.contains("missing-reason"))
                .body("alerts[0].level", org.hamcrest.Matchers.equalTo("yellow"));
        Hub.anonymous().auth().oauth2(supervisor).queryParam("caseNo", caseNo).queryParam("department", department)
                .get("/api/v1/supervision/alerts").then().statusCode(200)
                .body("alerts", org.hamcrest.Matchers.hasSize(3));

        Hub.anonymous().auth().oauth2(supervisor).post("/api/v1/supervision/alerts/" + red + "/acknowledgement")
                .then().statusCode(200);
        Hub.anonymous().auth().oauth2(supervisor).queryParam("caseNo", caseNo).queryParam("status", "open")
                .get("/api/v1/supervision/alerts").then().statusCode(200)
                .body("alerts", org.hamcrest.Matchers.hasSize(2))
                .body("alerts.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(red)));
        Hub.anonymous().auth().oauth2(supervisor).queryParam("caseNo", caseNo).queryParam("status", "acknowledged")
                .get("/api/v1/supervision/alerts").then().statusCode(200)
                .body("alerts.id", org.hamcrest.Matchers.contains(red));
        Hub.anonymous().auth().oauth2(supervisor).get("/api/v1/supervision/alerts/" + red).then().statusCode(200)
                .body("steps.action", org.hamcrest.Matchers.contains("raised", "acknowledged"));
        Hub.anonymous().auth().oauth2(supervisor).queryParam("level", "purple")
                .get("/api/v1/supervision/alerts").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void anInvestigationWithoutANoteIsRefusedAndAClosedAlertTakesNoFurtherStep() throws Exception {
        String supervisor = Hub.registeredToken("supervisor");
        String caseNo = pushOverdueCase();
        Object yellow = alertsOf(supervisor, caseNo, 3).stream()
                .filter(a -> a.get("rule").equals("missing-reason")).findFirst().orElseThrow().get("id");

        Hub.anonymous().auth().oauth2(supervisor).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/supervision/alerts/" + yellow + "/investigation").then().statusCode(400)
                .contentType("application/problem+json");
        Hub.anonymous().auth().oauth2(supervisor).contentType(ContentType.JSON).body(Map.of("note", "无需处理"))
                .post("/api/v1/supervision/alerts/" + yellow + "/closure").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("closed"));
        Hub.anonymous().auth().oauth2(supervisor).post("/api/v1/supervision/alerts/" + yellow + "/acknowledgement")
                .then().statusCode(409).contentType("application/problem+json");
        Hub.anonymous().auth().oauth2(supervisor).get("/api/v1/supervision/alerts/999999999").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void statisticsCountThePushedCaseInItsWindowAndStageAndRefuseBadParameters() throws Exception {
        String supervisor = Hub.registeredToken("supervisor");
        String itemCode = licensingItem();
        String caseNo = pushOverdueCase(itemCode);
        alertsOf(supervisor, caseNo, 3);

        // the item is fresh: the window around 2 November 2026 holds exactly the pushed case for it
        List<Map<String, Object>> items = Hub.anonymous().auth().oauth2(supervisor).queryParam("groupBy", "item")
                .queryParam("from", "2026-11-02T00:00:00+08:00").queryParam("to", "2026-11-03T00:00:00+08:00")
                .get("/api/v1/supervision/stats").then().statusCode(200).extract().jsonPath().getList("groups");
        Map<String, Object> mine = items.stream().filter(g -> itemCode.equals(g.get("key"))).findFirst().orElseThrow();
        assertEquals(1, ((Number) mine.get("accepted")).intValue());
        assertEquals(0, ((Number) mine.get("finished")).intValue());
        assertEquals(1, ((Number) mine.get("overdue")).intValue());
        List<Map<String, Object>> stages = Hub.anonymous().auth().oauth2(supervisor).queryParam("groupBy", "stage")
                .queryParam("from", "2026-11-02T00:00:00+08:00").queryParam("to", "2026-11-03T00:00:00+08:00")
                .get("/api/v1/supervision/stats").then().statusCode(200).extract().jsonPath().getList("groups");
        assertTrue(stages.stream().anyMatch(g -> "受理".equals(g.get("key")) && ((Number) g.get("accepted")).intValue() >= 1),
                stages.toString());
        Hub.anonymous().auth().oauth2(supervisor).queryParam("groupBy", "stage")
                .queryParam("from", "2026-11-03T00:00:00+08:00").queryParam("to", "2026-11-02T00:00:00+08:00")
                .get("/api/v1/supervision/stats").then().statusCode(400).contentType("application/problem+json");
        Hub.anonymous().auth().oauth2(supervisor).queryParam("groupBy", "weather")
                .get("/api/v1/supervision/stats").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void theReplayOfAnUnknownCaseIsNotFound() {
        Hub.anonymous().auth().oauth2(Hub.registeredToken("supervisor"))
                .get("/api/v1/supervision/cases/no-such-case-" + System.nanoTime() + "/replay")
                .then().statusCode(404).contentType("application/problem+json");
    }
}
