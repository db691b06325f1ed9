package org.govhub.conformance;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Tier-by-tier aggregation as a newcomer's node shows it (embedded defaults): no upstream, no
 * downstreams, freshness of the platforms that push, and the endpoints through which a downstream
 * hub forwards catalogue changes and licences.
 */
class AggregationConformanceTest {

    @Test
    void aNodeWithoutLinksReportsAnEmptyOutboxAndNoDownstreams() {
        Hub.asAdmin().get("/api/v1/aggregation/status").then().statusCode(200)
                .body("upstream.pending", equalTo(0))
                .body("upstream.url", nullValue())
                .body("upstream.oldestPendingAt", nullValue())
                .body("upstream.sent", greaterThanOrEqualTo(0))
                .body("downstreams.size()", equalTo(0))
                .body("nodeId", notNullValue())
                .body("tier", notNullValue());
    }

    @Test
    void aggregationStatusIsForAdminsAndSupervisorsOnly() {
        Hub.anonymous().get("/api/v1/aggregation/status").then().statusCode(401);
        Hub.anonymous().auth().oauth2(Hub.registeredToken("platform")).get("/api/v1/aggregation/status")
                .then().statusCode(403).contentType("application/problem+json");
        Hub.anonymous().auth().oauth2(Hub.registeredToken("supervisor")).get("/api/v1/aggregation/status")
                .then().statusCode(200).body("upstream.pending", equalTo(0));
    }

    @Test
    void freshnessListsSourcesWithThe24HourPeriod() {
        Hub.asAdmin().get("/api/v1/supervision/freshness").then().statusCode(200)
                .body("period", equalTo("PT24H"))
                .body("checkedAt", notNullValue())
                .body("sources", notNullValue());
    }

    @Test
    void aPushReportsThePushingPlatformAsFreshWhateverItsOutcome() {
        Hub.Registered platform = Hub.register("platform");
        Map<String, Object> record = Map.of("caseNo", "conf-fresh-" + System.nanoTime(), "itemCode", "33030300ZZ-CF-9999",
                "regionCode", Hub.nodeRegion(), "dataVersion", 1);
        Hub.anonymous().auth().oauth2(platform.token()).contentType(ContentType.JSON).body(Map.of("records", List.of(record)))
                .post("/api/v1/cases/batches").then().statusCode(200).body("records[0].outcome", equalTo("rejected"));
        JsonPath report = Hub.anonymous().auth().oauth2(Hub.registeredToken("supervisor")).get("/api/v1/supervision/freshness")
                .then().statusCode(200).extract().jsonPath();
        Map<String, Object> source = report.getMap("sources.find { it.sourceId == '" + platform.clientId() + "' }");
        assertEquals("platform", source.get("kind"));
        assertEquals(false, source.get("overdue"));
        assertEquals(Hub.nodeRegion(), source.get("regionPrefix"));
        assertEquals(source.get("lastReportAt"), source.get("silentSince"));
    }

    @Test
    void freshnessIsRefusedToPlatformsAndAnonymousCallers() {
        Hub.anonymous().get("/api/v1/supervision/freshness").then().statusCode(401);
        Hub.anonymous().auth().oauth2(Hub.registeredToken("platform")).get("/api/v1/supervision/freshness")
                .then().statusCode(403).contentType("application/problem+json");
    }

    private static Map<String, Object> penaltyItem(String code) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("code", code);
        item.put("name", "一致性测试下级审核事项");
        item.put("legalBasis", List.of(Map.of("rank", "law", "title", "中华人民共和国安全生产法", "article", "第九十七条")));
        item.put("subject", Map.of("name", "应急管理局", "nature", "statutory-organ"));
        item.put("handlingDepartment", "执法监察科");
        item.put("address", "行政服务中心");
        item.put("phone", "0577-86961234");
        item.put("supervisionPhone", "0577-86965678");
        item.put("penaltyKinds", List.of("warning"));
        item.put("discretionBaseline", List.of(Map.of("penaltyKind", "warning")));
        item.put("resultsPublished", true);
        return item;
    }

    private static Map<String, Object> forwardedChange(String key, String code) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("change", key);
        change.put("kind", "add");
        change.put("reason", "下级已审核的事项");
        change.put("sources", List.of());
        change.put("items", List.of(penaltyItem(code)));
        change.put("review", Map.of("reviewedBy", "lower-reviewer", "reviewedAt", "2026-11-20T08:00:00Z"));
        change.put("origin", Map.of("path", List.of(Map.of("node", "conf-lower", "region", "330303", "tier", "county",
                "at", "2026-11-20T08:00:00Z"))));
        return change;
    }

    @Test
    void aChangeReviewedBelowTakesEffectOnceWithItsPath() {
        String aggregator = Hub.registeredToken("aggregator");
        Random random = new Random();
        for (int attempt = 0; attempt < 20; attempt++) {
            String code = Hub.nodeRegion() + "00" + (char) ('A' + random.nextInt(26)) + (char) ('A' + random.nextInt(26)) + "-CF-0001";
            Map<String, Object> change = forwardedChange("conf-lower/" + System.nanoTime(), code);
            Response created = Hub.anonymous().auth().oauth2(aggregator).contentType(ContentType.JSON).body(change)
                    .post("/api/v1/items/forwarded-changes");
            if (created.statusCode() == 409) {
                continue;
            }
            created.then().statusCode(201).body("outcome", equalTo("created")).body("change.status", equalTo("approved"))
                    .body("change.reviewedBy", equalTo("lower-reviewer"));
            Hub.anonymous().auth().oauth2(aggregator).contentType(ContentType.JSON).body(change)
                    .post("/api/v1/items/forwarded-changes").then().statusCode(200).body("outcome", equalTo("unchanged"));
            Hub.anonymous().get("/api/v1/items/" + code).then().statusCode(200).body("status", equalTo("effective"))
                    .body("origin.node", equalTo("conf-lower"))
                    .body("origin.path.node", hasItem("conf-lower"))
                    .body("origin.path.size()", equalTo(2))
                    .body("origin.review.reviewedBy", equalTo("lower-reviewer"));
            return;
        }
        throw new IllegalStateException("no free item code found");
    }

    @Test
    void forwardingIsForAggregatorClientsOnly() {
        String editor = Hub.registeredToken("catalog-editor", "catalog-reviewer", "department");
        Hub.anonymous().auth().oauth2(editor).contentType(ContentType.JSON)
                .body(forwardedChange("conf-lower/1", Hub.nodeRegion() + "00AA-CF-0001"))
                .post("/api/v1/items/forwarded-changes").then().statusCode(403).contentType("application/problem+json");
        Hub.anonymous().auth().oauth2(editor).multiPart("licence", "{}", "application/json")
                .post("/api/v1/licences/forwarded").then().statusCode(403).contentType("application/problem+json");
        Hub.anonymous().contentType(ContentType.JSON).body("{}").post("/api/v1/items/forwarded-changes").then().statusCode(401);
    }

    @Test
    void aForwardedChangeWithoutReviewOrPathIsRefusedWithFieldErrors() {
        Hub.anonymous().auth().oauth2(Hub.registeredToken("aggregator")).contentType(ContentType.JSON)
                .body(Map.of("change", "conf-lower/2", "kind", "add", "reason", "x", "items", List.of()))
                .post("/api/v1/items/forwarded-changes").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("review.reviewedBy", "review.reviewedAt", "origin.path"));
    }

    @Test
    void aForwardedLicenceWithoutItsFileOrDigestIsRefusedWithFieldErrors() {
        Hub.anonymous().auth().oauth2(Hub.registeredToken("aggregator"))
                .multiPart("licence", "{\"status\":\"valid\"}", "application/json")
                .post("/api/v1/licences/forwarded").then().statusCode(400).contentType("application/problem+json");
    }

    /** A well-formed GB/T 36904 licence id (ISO/IEC 7064 MOD 37,36 check character) that no one issued. */
    private static String unknownLicenceId() {
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        String type = "11100000000013338W011";
        String issuer = "11430000006122244L";
        String serial = Long.toString(System.nanoTime());
        String input = type + issuer + serial + "001";
        int m = 36;
        int p = m;
        for (int i = 0; i < input.length(); i++) {
            int s = p % (m + 1) + alphabet.indexOf(input.charAt(i));
            p = (s % m == 0 ? m : s % m) * 2;
        }
        char check = alphabet.charAt((m + 1 - p % (m + 1)) % m);
        return "1.2.156.3005.2." + type + "." + issuer + "." + serial + ".001." + check;
    }

    @Test
    void aStatusChangeOfAnUnknownLicenceIsNotFound() {
        Hub.anonymous().auth().oauth2(Hub.registeredToken("aggregator")).contentType(ContentType.JSON)
                .body(Map.of("revision", 1, "status", "revoked", "since", "2026-11-21T08:00:00Z", "reason", "信息有误"))
                .post("/api/v1/licences/" + unknownLicenceId() + "/forwarded-status")
                .then().statusCode(404).contentType("application/problem+json");
    }
}
