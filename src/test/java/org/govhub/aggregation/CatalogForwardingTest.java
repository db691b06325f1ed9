package org.govhub.aggregation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.govhub.testing.Clients;
import org.govhub.testing.HubTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Effective catalogue changes go up: a local approval leaves an outbox row in its own transaction,
 * and the upstream takes over a change reviewed below without its own review when the downstream's
 * region covers it and it does not touch an item the upstream entered itself. The hub under test is
 * its own upstream (through {@link FlakyUpstream}); the tests acting as the county below
 * ("lw-county", an aggregator client for 3303) post forwarded changes directly.
 */
@QuarkusTest
@HubTest
@TestProfile(AggregationProfile.class)
class CatalogForwardingTest {
    private static final AtomicInteger SEQ = new AtomicInteger((int) (System.nanoTime() % 8000) + 1000);
    private static final AtomicInteger CHANGE = new AtomicInteger((int) (System.currentTimeMillis() % 1_000_000));

    @Inject
    AgroalDataSource db;

    @Inject
    CamelContext camel;

    @Inject
    UpstreamOutbox outbox;

    @BeforeEach
    void linkToUpstream() {
        AggregationFixtures.linkClient(AggregationTestResource.UPSTREAM_CLIENT, "33", "platform", "aggregator");
    }

    private static String newCountyCode() {
        return "33030300QF-CF-" + SEQ.incrementAndGet();
    }

    private static Map<String, Object> item(String code, String name) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("code", code);
        item.put("name", name);
        item.put("legalBasis", List.of(Map.of("rank", "law", "title", "中华人民共和国安全生产法", "article", "第九十七条")));
        item.put("subject", Map.of("name", "温州市龙湾区应急管理局", "nature", "statutory-organ"));
        item.put("handlingDepartment", "执法监察科");
        item.put("address", "温州市龙湾区永中街道");
        item.put("phone", "0577-86961234");
        item.put("supervisionPhone", "0577-86965678");
        item.put("penaltyKinds", List.of("warning", "fine"));
        item.put("discretionBaseline", List.of(Map.of("penaltyKind", "warning"),
                Map.of("penaltyKind", "fine", "minYuan", 1000, "maxYuan", 30000)));
        item.put("resultsPublished", true);
        return item;
    }

    /** A change the county approved, as its outbox forwards it. */
    private static ObjectNode forwarded(String key, String kind, List<String> sources, List<Map<String, Object>> items) {
        ObjectNode body = ForwardingFixtures.JSON.createObjectNode();
        body.put("change", key);
        body.put("kind", kind);
        body.put("reason", "龙湾区审改办审核通过的事项调整");
        body.set("sources", ForwardingFixtures.JSON.valueToTree(sources));
        body.set("items", ForwardingFixtures.JSON.valueToTree(items));
        return ForwardingFixtures.reviewedAtCounty(body);
    }

    private static String newKey() {
        return "lw-county/" + CHANGE.incrementAndGet();
    }

    private static Response post(String token, ObjectNode body) {
        return ForwardingFixtures.forwardChange(token, body);
    }

    @Test
    void aChangeReviewedDownstreamTakesEffectHereWithItsReviewAndPath() {
        String code = newCountyCode();
        JsonPath answer = post(Clients.register("3303", "aggregator").token(),
                forwarded(newKey(), "add", List.of(), List.of(item(code, "龙湾区下放事项" + code))))
                .then().statusCode(201).extract().jsonPath();
        assertEquals("created", answer.getString("outcome"));
        assertEquals("approved", answer.getString("change.status"));
        assertEquals("lw-reviewer", answer.getString("change.reviewedBy"));

        JsonPath view = given().get("/api/v1/items/" + code).then().statusCode(200).extract().jsonPath();
        assertEquals("effective", view.getString("status"));
        assertEquals(1, view.getInt("version"));
        assertEquals("lw-county", view.getString("origin.node"));
        assertEquals(List.of("lw-county", "govhub-test"), view.getList("origin.path.node"));
        assertEquals("lw-reviewer", view.getString("origin.review.reviewedBy"));
        assertEquals("2026-11-20T08:00:00Z", view.getString("origin.review.reviewedAt"));
    }

    @Test
    void theSameChangeForwardedAgainIsAppliedOnce() throws SQLException {
        String county = Clients.register("3303", "aggregator").token();
        String key = newKey();
        ObjectNode change = forwarded(key, "add", List.of(), List.of(item(newCountyCode(), "龙湾区事项")));
        long id = post(county, change).then().statusCode(201).extract().jsonPath().getLong("change.id");
        post(county, change).then().statusCode(200).body("outcome", equalTo("unchanged")).body("change.id", equalTo((int) id));
        assertEquals(1, count("SELECT count(*) FROM catalog_change WHERE origin_key = ?", key));
    }

    @Test
    void aDownstreamMayChangeAnItemItsOwnRegionForwarded() {
        String county = Clients.register("3303", "aggregator").token();
        String code = newCountyCode();
        post(county, forwarded(newKey(), "add", List.of(), List.of(item(code, "龙湾区事项")))).then().statusCode(201);
        post(county, forwarded(newKey(), "change", List.of(), List.of(item(code, "龙湾区事项（调整后）")))).then().statusCode(201);
        given().get("/api/v1/items/" + code).then().statusCode(200).body("version", equalTo(2))
                .body("item.name", equalTo("龙湾区事项（调整后）"));
    }

    @Test
    void aChangeOutsideTheDownstreamsRegionIsRefusedAndNothingIsWritten() throws SQLException {
        String code = newCountyCode();
        String key = newKey();
        post(Clients.register("3304", "aggregator").token(), forwarded(key, "add", List.of(), List.of(item(code, "越界事项"))))
                .then().statusCode(403).contentType("application/problem+json");
        assertEquals(0, count("SELECT count(*) FROM catalog_item WHERE code = ?", code));
        assertEquals(0, count("SELECT count(*) FROM catalog_change WHERE origin_key = ?", key));
    }

    @Test
    void aDownstreamCannotAlterAnItemEnteredHere() throws SQLException {
        String own = AggregationFixtures.effectivePenaltyItem("33030400");
        String county = Clients.register("3303", "aggregator").token();
        post(county, forwarded(newKey(), "change", List.of(), List.of(item(own, "被下级改写的事项"))))
                .then().statusCode(403).contentType("application/problem+json");
        post(county, forwarded(newKey(), "cancel", List.of(own), List.of())).then().statusCode(403);
        given().get("/api/v1/items/" + own).then().statusCode(200).body("version", equalTo(1)).body("status", equalTo("effective"));
        assertEquals(0, count("SELECT count(*) FROM catalog_item WHERE code = ? AND origin_json IS NOT NULL", own));
    }

    @Test
    void onlyAggregatorClientsMayForwardChanges() {
        post(Clients.register("3303", "catalog-editor", "catalog-reviewer").token(),
                forwarded(newKey(), "add", List.of(), List.of(item(newCountyCode(), "龙湾区事项")))).then().statusCode(403);
    }

    @Test
    void aForwardedChangeWithoutAReviewRecordIsRefusedWithFieldErrors() {
        ObjectNode change = forwarded(newKey(), "add", List.of(), List.of(item(newCountyCode(), "龙湾区事项")));
        change.remove("review");
        post(Clients.register("3303", "aggregator").token(), change).then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItems("review.reviewedBy", "review.reviewedAt"));
    }

    @Test
    void aLocallyApprovedChangeGoesUpThroughTheOutboxOnceAfterAnOutageAndARouteRestart() throws Exception {
        FlakyUpstream upstream = AggregationTestResource.upstream;
        await().atMost(Duration.ofSeconds(60)).until(() -> outbox.pending() == 0);
        List<String> codes = new ArrayList<>();
        upstream.goDown();
        try {
            int refusedBefore = upstream.refusedCount();
            codes.add(AggregationFixtures.effectivePenaltyItem("33030400"));
            codes.add(AggregationFixtures.effectivePenaltyItem("33030400"));
            await().atMost(Duration.ofSeconds(30)).until(() -> upstream.refusedCount() >= refusedBefore + 3);
            List<Row> rows = rows(codes);
            assertEquals(2, rows.size(), "each approval left its row, written with it");
            assertTrue(rows.stream().allMatch(r -> r.sentAt() == null), "nothing is marked sent during the outage");
            camel.getRouteController().stopRoute("aggregation-forward");
            camel.getRouteController().startRoute("aggregation-forward");
        } finally {
            upstream.comeBack();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> rows(codes).stream().allMatch(r -> r.sentAt() != null));
        for (Row row : rows(codes)) {
            assertEquals("unchanged", row.upstreamOutcome(), "the change started at the upstream itself: " + row.ref());
            JsonNode payload = ForwardingFixtures.JSON.readTree(row.payload());
            assertEquals("govhub-test", payload.path("origin").path("path").path(0).path("node").asText());
            assertTrue(payload.path("review").path("reviewedBy").asText().length() > 0, "the review record goes up with it");
            long delivered = upstream.passed().stream()
                    .filter(e -> e.path().equals("/api/v1/items/forwarded-changes") && e.status() == 200)
                    .filter(e -> e.requestBody().contains("\"" + row.ref() + "\"")).count();
            assertEquals(1, delivered, "delivered once: " + row.ref());
        }
    }

    record Row(String ref, java.sql.Timestamp sentAt, String upstreamOutcome, String payload) {
    }

    private List<Row> rows(List<String> codes) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT ref, sent_at, upstream_outcome, payload FROM aggregation_outbox"
                        + " WHERE kind = 'catalog' ORDER BY id");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                String payload = rs.getString(4);
                if (codes.stream().anyMatch(payload::contains)) {
                    rows.add(new Row(rs.getString(1), rs.getTimestamp(2), rs.getString(3), payload));
                }
            }
        }
        return rows;
    }

    private long count(String sql, String arg) throws SQLException {
        return ForwardingFixtures.count(db, sql, arg);
    }
}
