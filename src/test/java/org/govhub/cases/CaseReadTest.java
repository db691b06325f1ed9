package org.govhub.cases;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.govhub.testing.Clients;
import org.govhub.testing.HubTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@HubTest
class CaseReadTest {

    @Inject
    AgroalDataSource dataSource;

    private static String item() {
        return CatalogFixture.luchengItem();
    }

    private static String idOf(ObjectNode record) {
        return record.get("applicant").get("idNumber").asText();
    }

    private static String masked(String id) {
        return id.substring(0, 4) + "**********" + id.substring(14);
    }

    @Test
    void idNumberIsWholeOnlyForThePushingPlatformAndSupervisors() {
        Clients.Registered owner = Clients.register("3303", "platform");
        ObjectNode record = CaseSamples.record(CaseSamples.caseNo("mask"), item(), "330302", 1);
        String caseNo = record.get("caseNo").asText();
        String id = idOf(record);
        CaseApi.pushed(owner.token(), List.of(record));
        String whole = id;
        String hidden = masked(id);
        assertEquals(18, hidden.length());
        assertTrue(hidden.matches("\\d{4}\\*{10}[0-9X]{4}"), hidden);
        expectId(owner, caseNo, whole, false);
        expectId(Clients.register("33", "supervisor"), caseNo, whole, false);
        expectId(Clients.register("3303", "platform"), caseNo, hidden, true);
        expectId(Clients.register("33", "aggregator"), caseNo, hidden, true);
        expectId(Clients.register("3303", "department"), caseNo, hidden, true);
    }

    private static void expectId(Clients.Registered reader, String caseNo, String id, boolean masked) {
        CaseApi.read(reader.token(), caseNo).statusCode(200)
                .body("record.applicant.idNumber", equalTo(id)).body("idNumberMasked", equalTo(masked));
        CaseApi.versions(reader.token(), caseNo).statusCode(200)
                .body("versions[0].record.applicant.idNumber", equalTo(id)).body("versions[0].idNumberMasked", equalTo(masked));
    }

    @Test
    void caseShowsTheCurrentVersionWithItsTimelineFindingsAndEveryVersion() {
        Clients.Registered platform = Clients.register("3303", "platform");
        String caseNo = CaseSamples.caseNo("view");
        CaseApi.pushed(platform.token(), List.of(CaseSamples.record(caseNo, item(), "330302", 1)));
        ObjectNode v2 = CaseSamples.record(caseNo, item(), "330302", 2);
        ((ObjectNode) v2.withArray("steps").insertObject(1).put("name", "暂停").put("action", "suspend")
                .put("startedAt", "2026-11-02T10:00:00+08:00")).put("endedAt", "2026-11-02T11:00:00+08:00");
        CaseApi.pushed(platform.token(), List.of(v2));
        JsonPath view = CaseApi.read(platform.token(), caseNo).statusCode(200).extract().jsonPath();
        assertEquals(2, view.getInt("dataVersion"));
        assertEquals(List.of("accept", "suspend", "investigate", "review", "decide", "finish"), view.getList("record.steps.action"));
        assertEquals(List.of("missing-reason"), view.getList("findings.rule"));
        assertEquals("steps[1].reason", view.getString("findings[0].field"));
        assertEquals(List.of(1, 2), view.getList("versions.dataVersion"));
        assertEquals(List.of(0, 1), view.getList("versions.findingCount"));
        assertEquals(platform.clientId(), view.getString("sourceClient"));
    }

    @Test
    void versionsReplayEveryVersionReceivedOldestFirst() {
        Clients.Registered platform = Clients.register("3303", "platform");
        String caseNo = CaseSamples.caseNo("replay");
        for (int v = 1; v <= 3; v++) {
            ObjectNode record = CaseSamples.record(caseNo, item(), "330302", v);
            record.put("status", v < 3 ? "handling" : "finished");
            CaseApi.pushed(platform.token(), List.of(record));
        }
        JsonPath versions = CaseApi.versions(platform.token(), caseNo).statusCode(200).extract().jsonPath();
        assertEquals(List.of(1, 2, 3), versions.getList("versions.dataVersion"));
        assertEquals(List.of("handling", "handling", "finished"), versions.getList("versions.record.status"));
        assertNotEquals(versions.getString("versions[0].contentSm3"), versions.getString("versions[1].contentSm3"));
    }

    @Test
    void everyReadOfPersonalDataIsAuditedWithItsPurpose() throws Exception {
        Clients.Registered platform = Clients.register("3303", "platform");
        Clients.Registered supervisor = Clients.register("33", "supervisor");
        ObjectNode record = CaseSamples.record(CaseSamples.caseNo("audit"), item(), "330302", 1);
        String caseNo = record.get("caseNo").asText();
        CaseApi.pushed(platform.token(), List.of(record));
        given().auth().oauth2(supervisor.token()).header("X-Purpose", java.net.URLEncoder.encode("监察核查 2026-11", java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20")).get("/api/v1/cases/" + caseNo)
                .then().statusCode(200);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select client_id, outcome, purpose, subject_digest from audit_event where resource_id = ? and operation = 'case.read'")) {
            s.setString(1, caseNo);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(supervisor.clientId(), rs.getString(1));
                assertEquals("unmasked", rs.getString(2));
                assertEquals("监察核查 2026-11", rs.getString(3));
                assertEquals(64, rs.getString(4).length());
                assertNotEquals(idOf(record), rs.getString(4));
            }
        }
    }

    @Test
    void unknownCaseIsNotFound() {
        Clients.Registered platform = Clients.register("3303", "platform");
        CaseApi.read(platform.token(), "no-such-case-" + System.nanoTime()).statusCode(404).contentType("application/problem+json");
    }

    @Test
    void catalogueEditorsCannotReadCases() {
        Clients.Registered editor = Clients.register("3303", "catalog-editor");
        CaseApi.read(editor.token(), "any-case").statusCode(403);
    }
}
