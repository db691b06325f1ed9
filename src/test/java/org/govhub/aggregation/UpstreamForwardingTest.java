package org.govhub.aggregation;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.govhub.testing.Clients;
import org.govhub.testing.HubTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Upward forwarding through the outbox. The hub under test is its own upstream, reached through
 * {@link FlakyUpstream}: while that answers 503 nothing may be lost, and afterwards every version
 * reaches the real push endpoint exactly once (which finds it already stored: {@code unchanged}).
 */
@QuarkusTest
@HubTest
@TestProfile(AggregationProfile.class)
class UpstreamForwardingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

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

    @Test
    void anUpstreamAnswering503DelaysForwardingButLosesNothingAndTheOutboxDrains() throws Exception {
        FlakyUpstream upstream = AggregationTestResource.upstream;
        String item = AggregationFixtures.effectivePenaltyItem("33030400");
        Clients.Registered platform = Clients.register("3303", "platform");
        List<ObjectNode> records = new ArrayList<>();
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String caseNo = AggregationFixtures.caseNo("fwd");
            records.add(AggregationFixtures.record(caseNo, item, "330304", 1));
            refs.add(caseNo + "/1");
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> outbox.pending() == 0);
        upstream.goDown();
        try {
            int refusedBefore = upstream.refusedCount();
            List<String> outcomes = AggregationFixtures.push(platform.token(), records).getList("records.outcome");
            assertEquals(25, outcomes.stream().filter("created"::equals).count(), "outcomes: " + outcomes);
            assertEquals(25, rows(refs).size(), "every stored version has its outbox row, written with it");

            // several ticks, each with its redeliveries, all refused: the rows wait, with the reason
            await().atMost(Duration.ofSeconds(30)).until(() -> upstream.refusedCount() >= refusedBefore + 9);
            assertTrue(rows(refs).values().stream().allMatch(r -> r.sentAt() == null),
                    "nothing is marked sent while the upstream answers 503");
            Row oldest = rows(refs).get(refs.get(0));
            assertTrue(oldest.lastError() != null && oldest.lastError().contains("503"), "last error: " + oldest.lastError());
            assertTrue(oldest.attempts() >= 2, "forwarding was tried again on later ticks: " + oldest.attempts());

            // the route restarts during the outage: the outbox is in the database, not in the route
            camel.getRouteController().stopRoute("aggregation-forward");
            camel.getRouteController().startRoute("aggregation-forward");
            assertEquals(25, outbox.pending());
        } finally {
            upstream.comeBack();
        }

        await().atMost(Duration.ofSeconds(60))
                .until(() -> rows(refs).values().stream().allMatch(r -> r.sentAt() != null));
        assertEquals(0, outbox.pending(), "the outbox drained");
        for (Row row : rows(refs).values()) {
            assertEquals("unchanged", row.upstreamOutcome(), "the upstream's own push endpoint took the record");
        }
        Map<String, Integer> delivered = deliveredRecords(upstream);
        for (String ref : refs) {
            assertEquals(1, delivered.getOrDefault(ref, 0), "delivered to the upstream exactly once: " + ref);
        }
    }

    @Test
    void eachForwardedRecordCarriesItsOriginPath() throws Exception {
        String item = AggregationFixtures.effectivePenaltyItem("33030400");
        String caseNo = AggregationFixtures.caseNo("path");
        AggregationFixtures.push(Clients.register("3303", "platform").token(),
                List.of(AggregationFixtures.record(caseNo, item, "330304", 1)));
        await().atMost(Duration.ofSeconds(30)).until(() -> rows(List.of(caseNo + "/1")).get(caseNo + "/1").sentAt() != null);
        JsonNode payload = JSON.readTree(rows(List.of(caseNo + "/1")).get(caseNo + "/1").payload());
        JsonNode hop = payload.path("origin").path("path").path(0);
        assertEquals("govhub-test", hop.path("node").asText());
        assertEquals("330000", hop.path("region").asText());
        assertEquals("province", hop.path("tier").asText());
        assertEquals(caseNo, payload.path("caseNo").asText());
    }

    /** Records of successful forwarding requests that reached the upstream, counted per caseNo/dataVersion. */
    private static Map<String, Integer> deliveredRecords(FlakyUpstream upstream) throws Exception {
        Map<String, Integer> delivered = new HashMap<>();
        for (FlakyUpstream.Exchange exchange : upstream.passed()) {
            if (exchange.path().equals("/api/v1/cases/batches") && exchange.status() == 200) {
                for (JsonNode record : JSON.readTree(exchange.requestBody()).path("records")) {
                    delivered.merge(record.path("caseNo").asText() + "/" + record.path("dataVersion").asLong(), 1, Integer::sum);
                }
            }
        }
        return delivered;
    }

    record Row(java.sql.Timestamp sentAt, int attempts, String lastError, String upstreamOutcome, String payload) {
    }

    private Map<String, Row> rows(List<String> refs) throws SQLException {
        Map<String, Row> found = new HashMap<>();
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT ref, sent_at, attempts, last_error, upstream_outcome, payload"
                        + " FROM aggregation_outbox WHERE kind = 'case' AND ref = ANY (?)")) {
            s.setArray(1, c.createArrayOf("varchar", refs.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), new Row(rs.getTimestamp(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                            rs.getString(6)));
                }
            }
        }
        return found;
    }
}
