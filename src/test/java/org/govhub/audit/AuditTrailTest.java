package org.govhub.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.govhub.testing.Clients;
import org.govhub.testing.HubTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@HubTest
class AuditTrailTest {
    @Inject
    AgroalDataSource dataSource;

    @Inject
    AuditLog auditLog;

    @Test
    void clientRegistrationIsRecordedWithTheAdminAsActor() {
        Clients.Registered platform = Clients.register("3303", "platform");
        given().auth().oauth2(Clients.adminToken()).queryParam("resource", platform.clientId()).get("/api/v1/audit")
                .then().statusCode(200)
                .body("events.operation", hasItem("client.register"))
                .body("events.find { it.operation == 'client.register' }.clientId", equalTo("admin"))
                .body("events.find { it.operation == 'token.issue' }.outcome", equalTo("issued"));
    }

    @Test
    void refusedTokenRequestIsRecorded() {
        String unknown = "nobody-" + System.nanoTime();
        given().formParam("grant_type", "client_credentials").formParam("client_id", unknown).formParam("client_secret", "x")
                .post("/api/v1/auth/token").then().statusCode(401);
        given().auth().oauth2(Clients.adminToken()).queryParam("resource", unknown).get("/api/v1/audit")
                .then().statusCode(200).body("events[0].outcome", equalTo("refused"))
                .body("events[0].clientId", equalTo("anonymous"));
    }

    @Test
    void platformClientCannotReadTheTrail() {
        Clients.Registered platform = Clients.register("3303", "platform");
        given().auth().oauth2(platform.token()).get("/api/v1/audit").then().statusCode(403);
        given().auth().oauth2(platform.token()).get("/api/v1/audit/verification").then().statusCode(403);
    }

    @Test
    void supervisorReadsTheTrailInPages() {
        Clients.Registered supervisor = Clients.register("33", "supervisor");
        Clients.register("3303", "platform");
        Clients.register("3303", "platform");
        List<Integer> first = given().auth().oauth2(supervisor.token()).queryParam("limit", 2).get("/api/v1/audit")
                .then().statusCode(200).extract().path("events.seq");
        int nextAfter = given().auth().oauth2(supervisor.token()).queryParam("limit", 2).get("/api/v1/audit")
                .then().extract().path("nextAfter");
        assertEquals(2, first.size());
        assertEquals(first.get(1), nextAfter);
        List<Integer> second = given().auth().oauth2(supervisor.token()).queryParam("limit", 2).queryParam("after", nextAfter)
                .get("/api/v1/audit").then().statusCode(200).extract().path("events.seq");
        assertTrue(second.get(0) > first.get(1));
    }

    @Test
    void badTimeFilterIsAProblemNamingTheParameter() {
        given().auth().oauth2(Clients.adminToken()).queryParam("from", "yesterday").get("/api/v1/audit")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("from"));
        given().auth().oauth2(Clients.adminToken()).queryParam("limit", "5000").get("/api/v1/audit")
                .then().statusCode(400).body("errors[0].field", equalTo("limit"));
    }

    @Test
    void editingARowDirectlyIsDetectedAndNamed() throws Exception {
        Clients.register("3303", "platform");
        given().auth().oauth2(Clients.adminToken()).get("/api/v1/audit/verification")
                .then().statusCode(200).body("intact", equalTo(true));
        long victim = scalar("select min(seq) + 1 from audit_event");
        String original = string("select outcome from audit_event where seq = " + victim);
        try {
            update("update audit_event set outcome = 'forged' where seq = " + victim);
            given().auth().oauth2(Clients.adminToken()).get("/api/v1/audit/verification")
                    .then().statusCode(200).body("intact", equalTo(false))
                    .body("firstBrokenSeq", equalTo((int) victim))
                    .body("reason", containsString("altered"));
        } finally {
            update("update audit_event set outcome = '" + original + "' where seq = " + victim);
        }
        given().auth().oauth2(Clients.adminToken()).get("/api/v1/audit/verification")
                .then().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    void deletingARowDirectlyIsDetectedAndNamed() throws Exception {
        Clients.register("3303", "platform");
        Clients.register("3303", "platform");
        long victim = scalar("select max(seq) - 2 from audit_event");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("create temporary table saved_row as select * from audit_event where seq = " + victim);
            s.execute("delete from audit_event where seq = " + victim);
            try {
                given().auth().oauth2(Clients.adminToken()).get("/api/v1/audit/verification")
                        .then().statusCode(200).body("intact", equalTo(false))
                        .body("firstBrokenSeq", equalTo((int) victim))
                        .body("reason", containsString("missing"));
            } finally {
                s.execute("insert into audit_event select * from saved_row");
                s.execute("drop table saved_row");
            }
        }
    }

    @Test
    void personalIdNumbersAreStoredOnlyAsSaltedDigests() throws Exception {
        String idNumber = "330303199001011234";
        String resource = "licence-" + System.nanoTime();
        QuarkusTransaction.requiringNew().run(() -> auditLog.record(
                AuditEntry.of("licence.query", "licence", resource, "ok").withPurpose("case 2026-001").withPersonalId(idNumber)));
        String digest = string("select subject_digest from audit_event where resource_id = '" + resource + "'");
        assertEquals(64, digest.length());
        assertNotEquals(idNumber, digest);
        assertFalse(digest.contains("1234"));
        assertEquals(0L, scalar("select count(*) from audit_event where concat(coalesce(purpose,''), coalesce(resource_id,''), coalesce(subject_digest,'')) like '%" + idNumber + "%'"));
    }

    private long scalar(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String string(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private void update(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }
}
