package org.govhub.aggregation;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.govhub.testing.Clients;
import org.govhub.testing.HubTest;
import org.junit.jupiter.api.Test;

/**
 * Downward pull with a persisted cursor per source. The hub under test is the province and reads two
 * "cities" through the real change feed (its own, seen by aggregator clients for 3303 and 3304): every
 * feed entry must be taken exactly once, across a restart of the pull route in the middle of the pull.
 */
@QuarkusTest
@HubTest
@TestProfile(AggregationProfile.class)
class DownstreamPullTest {
    private static final String ROUTE = "aggregation-pull";

    @Inject
    AgroalDataSource db;

    @Inject
    CamelContext camel;

    @Test
    void aProvincePullingTwoCitiesRestartedMidPullTakesEveryEntryExactlyOnce() throws Exception {
        camel.getRouteController().stopRoute(ROUTE);
        AggregationFixtures.linkClient(AggregationTestResource.pullClient("city-a"), "3303", "aggregator");
        AggregationFixtures.linkClient(AggregationTestResource.pullClient("city-b"), "3304", "aggregator");
        push("3303", "33030400", "330304", 30);
        push("3304", "33040200", "330402", 24);

        camel.getRouteController().startRoute(ROUTE);
        await().atMost(Duration.ofSeconds(30)).until(() -> cursor("city-a").entries() > 0 && cursor("city-b").entries() > 0);
        camel.getRouteController().stopRoute(ROUTE);
        Cursor a = cursor("city-a");
        Cursor b = cursor("city-b");
        assertTrue(a.position() < feedEnd("3303") || b.position() < feedEnd("3304"),
                "stopped in the middle of the pull: " + a + " " + b);

        camel.getRouteController().startRoute(ROUTE);
        await().atMost(Duration.ofSeconds(120)).until(() -> cursor("city-a").position() == feedEnd("3303")
                && cursor("city-b").position() == feedEnd("3304"));
        assertEquals(feedEntries("3303"), cursor("city-a").entries(), "every 3303 entry taken once, none twice");
        assertEquals(feedEntries("3304"), cursor("city-b").entries(), "every 3304 entry taken once, none twice");
    }

    @Test
    void aPulledSourceCountsAsReporting() throws Exception {
        AggregationFixtures.linkClient(AggregationTestResource.pullClient("city-a"), "3303", "aggregator");
        await().atMost(Duration.ofSeconds(30)).until(() -> lastReport("city-a") != null);
        assertNotNull(lastReport("city-a"));
    }

    private void push(String prefix, String itemRegion, String regionCode, int cases) {
        String item = AggregationFixtures.effectivePenaltyItem(itemRegion);
        String token = Clients.register(prefix, "platform").token();
        List<ObjectNode> records = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            String caseNo = AggregationFixtures.caseNo("pull");
            records.add(AggregationFixtures.record(caseNo, item, regionCode, 1));
            if (i % 3 == 0) {
                records.add(AggregationFixtures.record(caseNo, item, regionCode, 2));
            }
        }
        AggregationFixtures.push(token, records);
    }

    record Cursor(long position, long entries) {
    }

    private Cursor cursor(String source) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT position, entries FROM aggregation_cursor WHERE source = ?")) {
            s.setString(1, source);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new Cursor(rs.getLong(1), rs.getLong(2)) : new Cursor(0, 0);
            }
        }
    }

    private long feedEnd(String prefix) throws SQLException {
        return single("SELECT COALESCE(MAX(feed_position), 0) FROM case_feed WHERE region_code LIKE ?", prefix + "%");
    }

    private long feedEntries(String prefix) throws SQLException {
        return single("SELECT COUNT(*) FROM case_feed WHERE region_code LIKE ?", prefix + "%");
    }

    private java.sql.Timestamp lastReport(String downstream) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT last_report_at FROM reporting_source WHERE kind = 'downstream'"
                        + " AND source_id = ?")) {
            s.setString(1, downstream);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getTimestamp(1) : null;
            }
        }
    }

    private long single(String sql, String arg) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, arg);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
