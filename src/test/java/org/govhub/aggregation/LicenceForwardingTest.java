package org.govhub.aggregation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.govhub.licences.LicenceId;
import org.govhub.testing.Clients;
import org.govhub.testing.HubTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Licences go up like case versions: an issue or a revocation leaves an outbox row in its own
 * transaction, the file streams from S3 into the upstream's public licence API, and the upstream
 * recognises a licence version it already holds. The hub under test is its own upstream (through
 * {@link FlakyUpstream}); the tests acting as the county below post to the endpoints directly.
 */
@QuarkusTest
@HubTest
@TestProfile(AggregationProfile.class)
class LicenceForwardingTest {
    private static final String PURPOSE = "case 33030300AJ-XK-0001-2026-000042";

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
    void anUpstreamAnswering503DelaysLicenceForwardingButLosesNothingAcrossARouteRestart() throws Exception {
        FlakyUpstream upstream = AggregationTestResource.upstream;
        String department = Clients.register("3303", "department").token();
        await().atMost(Duration.ofSeconds(60)).until(() -> outbox.pending() == 0);
        List<String> ids = new ArrayList<>();
        upstream.goDown();
        try {
            int refusedBefore = upstream.refusedCount();
            for (int i = 0; i < 3; i++) {
                LicenceId id = ForwardingFixtures.newId();
                ForwardingFixtures.issue(department, ForwardingFixtures.metadata(id, "330303"),
                        ForwardingFixtures.pdf(200_000 + i, i)).then().statusCode(201);
                ids.add(id.toString());
            }
            given().auth().oauth2(department).contentType(ContentType.JSON).body(Map.of("reason", "证照信息有误"))
                    .post("/api/v1/licences/" + ids.get(0) + "/revocation").then().statusCode(200);
            assertEquals(4, rows().stream().filter(r -> ids.contains(r.licenceId())).count(),
                    "each issue and the revocation left its row, written with it");

            await().atMost(Duration.ofSeconds(30)).until(() -> upstream.refusedCount() >= refusedBefore + 3);
            assertTrue(rows(ids).stream().allMatch(r -> r.sentAt() == null), "nothing is marked sent during the outage");
            Row first = rows(ids).get(0);
            assertTrue(first.lastError() != null && first.lastError().contains("503"), "last error: " + first.lastError());

            camel.getRouteController().stopRoute("aggregation-forward");
            camel.getRouteController().startRoute("aggregation-forward");
            assertEquals(4, rows(ids).stream().filter(r -> r.sentAt() == null).count());
        } finally {
            upstream.comeBack();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> rows(ids).stream().allMatch(r -> r.sentAt() != null));
        for (Row row : rows(ids)) {
            assertEquals("unchanged", row.upstreamOutcome(), "the upstream holds that licence version already: " + row.ref());
        }
        for (String id : ids) {
            assertEquals(1, delivered(upstream, "/api/v1/licences/forwarded", id), "licence delivered once: " + id);
        }
        assertEquals(1, delivered(upstream, "/api/v1/licences/" + ids.get(0) + "/forwarded-status", null),
                "revocation delivered once");
    }

    @Test
    void aRetryAfterALostAnswerIsRecognisedUpstreamAsTheSameLicence() throws Exception {
        FlakyUpstream upstream = AggregationTestResource.upstream;
        String department = Clients.register("3303", "department").token();
        await().atMost(Duration.ofSeconds(60)).until(() -> outbox.pending() == 0);
        LicenceId id = ForwardingFixtures.newId();
        upstream.loseAnswers(true);
        try {
            ForwardingFixtures.issue(department, ForwardingFixtures.metadata(id, "330303"), ForwardingFixtures.pdf(50_000, 9))
                    .then().statusCode(201);
            await().atMost(Duration.ofSeconds(30)).until(() -> delivered(upstream, "/api/v1/licences/forwarded", id.toString()) >= 2);
            assertNull(rows(List.of(id.toString())).get(0).sentAt(), "an answer that never arrived does not mark the row sent");
        } finally {
            upstream.loseAnswers(false);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> rows(List.of(id.toString())).get(0).sentAt() != null);
        assertEquals("unchanged", rows(List.of(id.toString())).get(0).upstreamOutcome());
        assertEquals(1, count("SELECT count(*) FROM licence WHERE licence_id = ?", id.toString()));
    }

    @Test
    void aLicenceForwardedFromBelowIsStoredWithItsFileAndItsPath() throws Exception {
        String county = Clients.register("3303", "aggregator").token();
        LicenceId id = ForwardingFixtures.newId();
        byte[] file = ForwardingFixtures.pdf(300_000, 42);
        ObjectNode licence = ForwardingFixtures.forwardedLicence(ForwardingFixtures.metadata(id, "330303"), file);

        JsonPath created = ForwardingFixtures.forwardLicence(county, licence, file).then().statusCode(201).extract().jsonPath();
        assertEquals("created", created.getString("outcome"));

        String department = Clients.register("3303", "department").token();
        JsonPath view = given().auth().oauth2(department).header("X-Purpose", PURPOSE).get("/api/v1/licences/" + id)
                .then().statusCode(200).extract().jsonPath();
        assertEquals("lw-county", view.getString("origin.node"));
        assertEquals("330303", view.getString("origin.region"));
        assertEquals(List.of("lw-county", "govhub-test"), view.getList("origin.path.node"));
        assertEquals("lw-department", view.getString("issuedBy"));
        assertEquals(0, view.getInt("revision"));
        assertEquals(ForwardingFixtures.sm3(file), view.getString("file.sm3"));
        byte[] downloaded = given().auth().oauth2(department).header("X-Purpose", PURPOSE).get("/api/v1/licences/" + id + "/file")
                .then().statusCode(200).extract().asByteArray();
        assertArrayEquals(file, downloaded);
    }

    @Test
    void theSameLicenceForwardedAgainIsUnchangedAndStoredOnce() throws Exception {
        String county = Clients.register("3303", "aggregator").token();
        LicenceId id = ForwardingFixtures.newId();
        byte[] file = ForwardingFixtures.pdf(10_000, 1);
        ObjectNode licence = ForwardingFixtures.forwardedLicence(ForwardingFixtures.metadata(id, "330303"), file);
        ForwardingFixtures.forwardLicence(county, licence, file).then().statusCode(201);
        ForwardingFixtures.forwardLicence(county, licence, file).then().statusCode(200).body("outcome", org.hamcrest.Matchers.equalTo("unchanged"));
        ForwardingFixtures.forwardLicence(county, licence, null).then().statusCode(200).body("outcome", org.hamcrest.Matchers.equalTo("unchanged"));
        assertEquals(1, count("SELECT count(*) FROM licence WHERE licence_id = ?", id.toString()));
    }

    @Test
    void anotherLicenceUnderAnIdAlreadyHeldIsAConflict() throws Exception {
        String county = Clients.register("3303", "aggregator").token();
        LicenceId id = ForwardingFixtures.newId();
        Map<String, Object> metadata = ForwardingFixtures.metadata(id, "330303");
        byte[] file = ForwardingFixtures.pdf(10_000, 2);
        ForwardingFixtures.forwardLicence(county, ForwardingFixtures.forwardedLicence(metadata, file), file).then().statusCode(201);
        byte[] other = ForwardingFixtures.pdf(10_000, 3);
        ForwardingFixtures.forwardLicence(county, ForwardingFixtures.forwardedLicence(metadata, other), other)
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void aFileThatDoesNotMatchItsDeclaredDigestIsRefusedAndNothingIsStored() throws Exception {
        String county = Clients.register("3303", "aggregator").token();
        LicenceId id = ForwardingFixtures.newId();
        byte[] file = ForwardingFixtures.pdf(10_000, 4);
        ObjectNode licence = ForwardingFixtures.forwardedLicence(ForwardingFixtures.metadata(id, "330303"), file);
        ForwardingFixtures.forwardLicence(county, licence, ForwardingFixtures.pdf(10_000, 5))
                .then().statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItem("file"));
        assertEquals(0, count("SELECT count(*) FROM licence WHERE licence_id = ?", id.toString()));
    }

    @Test
    void onlyAnAggregatorCoveringTheLicencesRegionMayForwardIt() throws Exception {
        LicenceId id = ForwardingFixtures.newId();
        byte[] file = ForwardingFixtures.pdf(10_000, 6);
        ObjectNode licence = ForwardingFixtures.forwardedLicence(ForwardingFixtures.metadata(id, "330303"), file);
        ForwardingFixtures.forwardLicence(Clients.register("3304", "aggregator").token(), licence, file).then().statusCode(403);
        ForwardingFixtures.forwardLicence(Clients.register("3303", "department").token(), licence, file).then().statusCode(403);
        assertEquals(0, count("SELECT count(*) FROM licence WHERE licence_id = ?", id.toString()));
    }

    @Test
    void aForwardedRevocationIsAppliedOnceByItsRevision() throws Exception {
        String county = Clients.register("3303", "aggregator").token();
        LicenceId id = ForwardingFixtures.newId();
        byte[] file = ForwardingFixtures.pdf(10_000, 7);
        ForwardingFixtures.forwardLicence(county, ForwardingFixtures.forwardedLicence(ForwardingFixtures.metadata(id, "330303"), file), file)
                .then().statusCode(201);
        Map<String, Object> revocation = Map.of("revision", 1, "status", "revoked", "since", "2026-11-21T08:00:00Z",
                "reason", "证照信息有误");
        given().auth().oauth2(county).contentType(ContentType.JSON).body(revocation)
                .post("/api/v1/licences/" + id + "/forwarded-status").then().statusCode(200)
                .body("outcome", org.hamcrest.Matchers.equalTo("applied")).body("licence.status", org.hamcrest.Matchers.equalTo("revoked"));
        given().auth().oauth2(county).contentType(ContentType.JSON).body(revocation)
                .post("/api/v1/licences/" + id + "/forwarded-status").then().statusCode(200)
                .body("outcome", org.hamcrest.Matchers.equalTo("unchanged"));
        assertEquals(1, count("SELECT count(*) FROM licence_status_change WHERE licence_id = ?", id.toString()));
        JsonNode list = ForwardingFixtures.JSON.readTree(given().get("/api/v1/licences/status-list").then().statusCode(200).extract().asString());
        assertTrue(list.toString().contains(id.toString()), "the revocation is in this node's status list");
        given().auth().oauth2(Clients.register("3304", "aggregator").token()).contentType(ContentType.JSON).body(revocation)
                .post("/api/v1/licences/" + id + "/forwarded-status").then().statusCode(404);
    }

    @Test
    void aLicenceIssuedHereStartsItsPathHere() {
        String department = Clients.register("3303", "department").token();
        LicenceId id = ForwardingFixtures.newId();
        JsonPath issued = ForwardingFixtures.issue(department, ForwardingFixtures.metadata(id, "330303"), ForwardingFixtures.pdf(1000, 8))
                .then().statusCode(201).extract().jsonPath();
        assertEquals(List.of("govhub-test"), issued.getList("origin.path.node"));
        assertEquals("province", issued.getString("origin.path[0].tier"));
        assertFalse(issued.getString("origin.path[0].client").isEmpty());
    }

    /** Requests to {@code path} the upstream stand-in passed on and the hub answered 2xx, optionally only those naming {@code id}. */
    private static long delivered(FlakyUpstream upstream, String path, String id) {
        return upstream.passed().stream()
                .filter(e -> e.path().equals(path) && e.status() >= 200 && e.status() < 300)
                .filter(e -> id == null || e.requestBody().contains(id)).count();
    }

    record Row(String ref, String kind, java.sql.Timestamp sentAt, String lastError, String upstreamOutcome) {
        String licenceId() {
            return ref.substring(0, ref.lastIndexOf('/'));
        }
    }

    private List<Row> rows() throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT ref, kind, sent_at, last_error, upstream_outcome FROM aggregation_outbox"
                        + " WHERE kind IN ('licence', 'licence-status') ORDER BY id");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                rows.add(new Row(rs.getString(1), rs.getString(2), rs.getTimestamp(3), rs.getString(4), rs.getString(5)));
            }
        }
        return rows;
    }

    private List<Row> rows(List<String> ids) throws SQLException {
        return rows().stream().filter(r -> ids.contains(r.licenceId())).toList();
    }

    private long count(String sql, String arg) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, arg);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
