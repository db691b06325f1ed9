package org.govhub.aggregation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.govhub.testing.Clients;
import org.govhub.testing.HubTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Responsibility-list and special-fund-list changes go up like item changes: through the same
 * outbox rows and the same endpoint, taken over upstream without a second review when the
 * downstream's region covers them and they do not touch an entry the upstream entered itself. List
 * entry ids are local to each node, so a forwarded change names its entry by {@code entryKey}, its
 * id where it was first added. The tests act as the county below ("lw-county", an aggregator for
 * 3303) and post forwarded changes directly; the hub is its own upstream for the outbox test.
 */
@QuarkusTest
@HubTest
@TestProfile(AggregationProfile.class)
class ListForwardingTest {
    private static final String SUBJECT = "33030300LF";
    private static final AtomicInteger CHANGE = new AtomicInteger((int) (System.currentTimeMillis() % 1_000_000) + 2_000_000);
    private static final AtomicInteger ENTRY = new AtomicInteger((int) (System.nanoTime() % 1_000_000) + 5_000_000);

    @Inject
    AgroalDataSource db;

    @BeforeEach
    void linkToUpstream() {
        AggregationFixtures.linkClient(AggregationTestResource.UPSTREAM_CLIENT, "33", "platform", "aggregator");
    }

    private static Map<String, Object> duty(String subject, String text) {
        Map<String, Object> duty = new LinkedHashMap<>();
        duty.put("subjectCode", subject);
        duty.put("duty", text);
        duty.put("basis", List.of(Map.of("rank", "law", "title", "中华人民共和国安全生产法", "article", "第九条")));
        duty.put("accountabilityCases", List.of("对发现的重大事故隐患不依法及时处理的"));
        return duty;
    }

    private static Map<String, Object> fund(String subject, Object budget) {
        Map<String, Object> fund = new LinkedHashMap<>();
        fund.put("subjectCode", subject);
        fund.put("project", "安全生产专项资金");
        fund.put("category", "department-budget");
        fund.put("budgetYuan", budget);
        fund.put("year", 2026);
        return fund;
    }

    /** A list change the county approved, as its outbox forwards it. */
    private static ObjectNode forwarded(String record, String kind, String entryKey, Map<String, Object> entry) {
        ObjectNode body = ForwardingFixtures.JSON.createObjectNode();
        body.put("change", "lw-county/" + CHANGE.incrementAndGet());
        body.put("record", record);
        body.put("kind", kind);
        body.put("reason", "龙湾区审改办审核通过的清单调整");
        body.put("entryKey", entryKey);
        if (entry != null) {
            body.set("entry", ForwardingFixtures.JSON.valueToTree(entry));
        }
        return ForwardingFixtures.reviewedAtCounty(body);
    }

    private static String newEntryKey() {
        return "lw-county/" + ENTRY.incrementAndGet();
    }

    private static Response post(String token, ObjectNode body) {
        return ForwardingFixtures.forwardChange(token, body);
    }

    @Test
    void aResponsibilityChangeReviewedDownstreamTakesEffectHereOnceWithItsPath() throws SQLException {
        String county = Clients.register("3303", "aggregator").token();
        String entryKey = newEntryKey();
        ObjectNode add = forwarded("responsibility", "add", entryKey, duty(SUBJECT, "负责全区安全生产综合监督管理"));
        JsonPath answer = post(county, add).then().statusCode(201).extract().jsonPath();
        assertEquals("created", answer.getString("outcome"));
        assertEquals("responsibility", answer.getString("change.record"));
        assertEquals("approved", answer.getString("change.status"));
        assertEquals("lw-reviewer", answer.getString("change.reviewedBy"));
        assertEquals(List.of("lw-county", "govhub-test"), answer.getList("change.origin.path.node"));
        String id = answer.getString("change.targets[0]");

        JsonPath view = given().get("/api/v1/responsibilities/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals("effective", view.getString("status"));
        assertEquals(1, view.getInt("version"));
        assertEquals("负责全区安全生产综合监督管理", view.getString("entry.duty"));
        assertEquals("lw-county", view.getString("origin.node"));
        assertEquals(List.of("lw-county", "govhub-test"), view.getList("origin.path.node"));
        assertEquals("lw-reviewer", view.getString("origin.review.reviewedBy"));

        post(county, add).then().statusCode(200).body("outcome", equalTo("unchanged"))
                .body("change.id", equalTo(answer.getInt("change.id")));
        assertEquals(1, count("SELECT count(*) FROM catalog_change WHERE origin_key = ?", add.get("change").asText()));
        assertEquals(1, count("SELECT count(*) FROM catalog_list_entry WHERE origin_entry = ?", entryKey));
    }

    @Test
    void aSpecialFundChangeAndItsFollowUpsReachTheEntryTheForwardedAddMade() throws SQLException {
        String county = Clients.register("3303", "aggregator").token();
        String entryKey = newEntryKey();
        String id = post(county, forwarded("special-fund", "add", entryKey, fund(SUBJECT, 300000)))
                .then().statusCode(201).extract().jsonPath().getString("change.targets[0]");
        ObjectNode raise = forwarded("special-fund", "change", entryKey, fund(SUBJECT, 450000));
        post(county, raise).then().statusCode(201).body("change.targets[0]", equalTo(id));
        post(county, raise).then().statusCode(200).body("outcome", equalTo("unchanged"));
        given().get("/api/v1/special-funds/" + id).then().statusCode(200).body("version", equalTo(2))
                .body("entry.budgetYuan", equalTo(450000)).body("origin.path.node", equalTo(List.of("lw-county", "govhub-test")))
                .body("origin.change", equalTo(raise.get("change").asText()));

        post(county, forwarded("special-fund", "cancel", entryKey, null)).then().statusCode(201)
                .body("change.sources[0]", equalTo(id));
        given().get("/api/v1/special-funds/" + id).then().statusCode(200).body("status", equalTo("retired"));
        assertEquals(1, count("SELECT count(*) FROM catalog_list_entry WHERE origin_entry = ?", entryKey));
    }

    @Test
    void aListChangeOutsideTheDownstreamsRegionIsRefusedAndNothingIsWritten() throws SQLException {
        String entryKey = newEntryKey();
        ObjectNode add = forwarded("responsibility", "add", entryKey, duty(SUBJECT, "越界职责"));
        post(Clients.register("3304", "aggregator").token(), add).then().statusCode(403).contentType("application/problem+json");
        assertEquals(0, count("SELECT count(*) FROM catalog_change WHERE origin_key = ?", add.get("change").asText()));
        assertEquals(0, count("SELECT count(*) FROM catalog_list_entry WHERE origin_entry = ?", entryKey));

        String county = Clients.register("3303", "aggregator").token();
        post(county, forwarded("special-fund", "add", entryKey, fund(SUBJECT, 1000))).then().statusCode(201);
        post(Clients.register("3304", "aggregator").token(), forwarded("special-fund", "cancel", entryKey, null))
                .then().statusCode(403);
    }

    @Test
    void aDownstreamCannotAlterAListEntryEnteredHere() throws SQLException {
        long own = publishedHere();
        String county = Clients.register("3303", "aggregator").token();
        String ownKey = "govhub-test/" + own;
        ObjectNode change = forwarded("responsibility", "change", ownKey, duty(SUBJECT, "被下级改写的职责"));
        post(county, change).then().statusCode(403).contentType("application/problem+json");
        post(county, forwarded("responsibility", "cancel", ownKey, null)).then().statusCode(403);
        given().get("/api/v1/responsibilities/" + own).then().statusCode(200).body("version", equalTo(1))
                .body("status", equalTo("effective")).body("entry.duty", equalTo("本级职责"));
        assertEquals(0, count("SELECT count(*) FROM catalog_change WHERE origin_key = ?", change.get("change").asText()));
        assertNull(given().get("/api/v1/responsibilities/" + own).then().extract().path("origin"));
    }

    @Test
    void aLocallyApprovedListChangeLeavesItsOutboxRowWithItAndGoesUpOnce() throws Exception {
        long own = publishedHere();
        String ref = await().atMost(Duration.ofSeconds(10)).until(() -> refOf(own), r -> r != null);
        await().atMost(Duration.ofSeconds(60)).until(() -> outcomeOf(ref) != null);
        assertEquals("unchanged", outcomeOf(ref), "the change started at the upstream itself");
        JsonNode payload = ForwardingFixtures.JSON.readTree(payloadOf(ref));
        assertEquals("responsibility", payload.path("record").asText());
        assertEquals("add", payload.path("kind").asText());
        assertEquals("govhub-test/" + own, payload.path("entryKey").asText());
        assertEquals("本级职责", payload.path("entry").path("duty").asText());
        assertEquals("govhub-test", payload.path("origin").path("path").path(0).path("node").asText());
        assertEquals(false, payload.path("review").path("reviewedBy").asText().isEmpty(), "the review record goes up with it");
        assertEquals(1, count("SELECT count(*) FROM aggregation_outbox WHERE kind = 'catalog' AND ref = ?", ref));
    }

    /** A responsibility entry submitted and approved at this node (no origin: it is the node's own). */
    private static long publishedHere() {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("kind", "add");
        request.put("reason", "本级新增职责");
        request.put("responsibility", duty(SUBJECT, "本级职责"));
        JsonPath submitted = given().auth().oauth2(Clients.register("3303", "catalog-editor").token()).contentType(ContentType.JSON)
                .body(request).post("/api/v1/responsibilities/changes").then().statusCode(201).extract().jsonPath();
        given().auth().oauth2(Clients.register("3303", "catalog-reviewer").token()).contentType(ContentType.JSON)
                .body(Map.of("reason", "依法审核通过")).post("/api/v1/catalog/changes/" + submitted.getLong("id") + "/approval")
                .then().statusCode(200);
        return Long.parseLong(submitted.getString("targets[0]"));
    }

    private String refOf(long entryId) throws SQLException {
        return text("SELECT ref FROM aggregation_outbox WHERE kind = 'catalog' AND payload LIKE ?",
                "%\"entryKey\":\"govhub-test/" + entryId + "\"%");
    }

    private String outcomeOf(String ref) throws SQLException {
        return text("SELECT upstream_outcome FROM aggregation_outbox WHERE kind = 'catalog' AND ref = ? AND sent_at IS NOT NULL", ref);
    }

    private String payloadOf(String ref) throws SQLException {
        return text("SELECT payload FROM aggregation_outbox WHERE kind = 'catalog' AND ref = ?", ref);
    }

    private String text(String sql, String arg) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, arg);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private long count(String sql, String arg) throws SQLException {
        return ForwardingFixtures.count(db, sql, arg);
    }
}
