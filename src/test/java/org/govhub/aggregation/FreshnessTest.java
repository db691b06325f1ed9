package org.govhub.aggregation;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.govhub.common.HubClock;
import org.govhub.testing.Clients;
import org.govhub.testing.HubTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The 24-hour rule: who reports here, when each last did, and who has been silent too long (on the hub clock). */
@QuarkusTest
@HubTest
@TestProfile(AggregationProfile.class)
class FreshnessTest {
    private static final String FRESHNESS = "/api/v1/supervision/freshness";

    @Inject
    HubClock clock;

    @Inject
    FreshnessRegistry registry;

    @Inject
    AgroalDataSource db;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aPlatformSilentFor25HoursShowsAsOverdue() {
        Clients.Registered supervisor = Clients.register("33", "supervisor");
        Clients.Registered platform = pushedOnce("3303", "33030400", "330304");

        Map<String, Object> fresh = source(freshness(supervisor.token()), platform.clientId());
        assertEquals(false, fresh.get("overdue"));
        assertNotNull(fresh.get("lastReportAt"));

        clock.advance(Duration.ofHours(25));
        Map<String, Object> silent = source(freshness(Clients.token(supervisor.clientId(), supervisor.secret())), platform.clientId());
        assertEquals(true, silent.get("overdue"));
        assertTrue(((Number) silent.get("silentSeconds")).longValue() >= 25 * 3600, "silent for " + silent.get("silentSeconds"));
        assertEquals("platform", silent.get("kind"));
    }

    @Test
    void aPlatformSilentFor23HoursIsNotOverdue() {
        Clients.Registered supervisor = Clients.register("33", "supervisor");
        Clients.Registered platform = pushedOnce("3303", "33030400", "330304");
        clock.advance(Duration.ofHours(23));
        assertEquals(false, source(freshness(Clients.token(supervisor.clientId(), supervisor.secret())), platform.clientId())
                .get("overdue"));
    }

    @Test
    void anOverduePlatformRaisesOneAlertForSupervisionAndReportingAgainClearsIt() {
        Clients.Registered platform = pushedOnce("3303", "33030400", "330304");
        String item = AggregationFixtures.effectivePenaltyItem("33030400");
        clock.advance(Duration.ofHours(25));

        assertEquals(1, registry.raiseAlerts().stream().filter(a -> a.sourceId.equals(platform.clientId())).count());
        assertEquals(0, registry.raiseAlerts().stream().filter(a -> a.sourceId.equals(platform.clientId())).count(),
                "one alert per silence, not one per check");
        assertNotNull(openAlert(platform.clientId()), "the alert stays open for supervision");

        AggregationFixtures.push(Clients.token(platform.clientId(), platform.secret()),
                List.of(AggregationFixtures.record(AggregationFixtures.caseNo("fresh"), item, "330304", 1)));
        assertNull(openAlert(platform.clientId()), "reporting again clears the alert");
    }

    @Test
    void anOverduePlatformShowsOnceAsASupervisionAlert() {
        Clients.Registered supervisor = Clients.register("33", "supervisor");
        Clients.Registered platform = pushedOnce("3303", "33030400", "330304");
        clock.advance(Duration.ofHours(25));

        registry.raiseAlerts();
        registry.raiseAlerts();

        List<Map<String, Object>> alerts = given().auth().oauth2(Clients.token(supervisor.clientId(), supervisor.secret())).queryParam("rule", "freshness")
                .queryParam("region", "3303").queryParam("limit", 100)
                .get("/api/v1/supervision/alerts").then().statusCode(200).extract().jsonPath().getList("alerts");
        List<Map<String, Object>> mine = alerts.stream().filter(a -> "report-source".equals(a.get("subjectType"))
                && ((String) a.get("subjectId")).startsWith("platform:" + platform.clientId() + "@")).toList();
        assertEquals(1, mine.size(), alerts.toString());
        assertEquals("yellow", mine.get(0).get("level"));
        assertEquals("330300", mine.get(0).get("regionCode"));
        assertEquals("open", mine.get(0).get("status"));
    }

    @Test
    void anExpectedPlatformThatNeverReportedIsListedAndOverdueAfterThePeriod() {
        Clients.Registered supervisor = Clients.register("33", "supervisor");
        Map<String, Object> expected = source(freshness(supervisor.token()), AggregationTestResource.EXPECTED_PLATFORM);
        assertEquals(true, expected.get("expected"));
        assertNull(expected.get("lastReportAt"));
        assertEquals(false, expected.get("overdue"));

        clock.advance(Duration.ofHours(25));
        assertEquals(true, source(freshness(Clients.token(supervisor.clientId(), supervisor.secret())),
                AggregationTestResource.EXPECTED_PLATFORM).get("overdue"));
    }

    @Test
    void aSupervisorSeesOnlySourcesInsideItsRegion() {
        Clients.Registered platform = pushedOnce("3303", "33030400", "330304");
        JsonPath other = freshness(Clients.register("3304", "supervisor").token());
        assertFalse(other.getList("sources.sourceId").contains(platform.clientId()));
    }

    @Test
    void freshnessIsForSupervisorsAndAdmins() {
        given().auth().oauth2(Clients.register("3303", "platform").token()).get(FRESHNESS).then().statusCode(403)
                .contentType("application/problem+json");
        given().get(FRESHNESS).then().statusCode(401);
        given().auth().oauth2(Clients.adminToken()).get(FRESHNESS).then().statusCode(200);
    }

    private static Clients.Registered pushedOnce(String prefix, String itemRegion, String regionCode) {
        String item = AggregationFixtures.effectivePenaltyItem(itemRegion);
        Clients.Registered platform = Clients.register(prefix, "platform");
        AggregationFixtures.push(platform.token(),
                List.of(AggregationFixtures.record(AggregationFixtures.caseNo("fresh"), item, regionCode, 1)));
        return platform;
    }

    private static JsonPath freshness(String token) {
        return given().auth().oauth2(token).get(FRESHNESS).then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> source(JsonPath report, String sourceId) {
        List<Map<String, Object>> sources = report.getList("sources");
        return sources.stream().filter(s -> sourceId.equals(s.get("sourceId"))).findFirst()
                .orElseThrow(() -> new AssertionError("source " + sourceId + " not listed: " + sources));
    }

    /** The id of the source's open alert, or null. */
    private Long openAlert(String sourceId) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT id FROM freshness_alert WHERE source_id = ? AND cleared_at IS NULL")) {
            s.setString(1, sourceId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
