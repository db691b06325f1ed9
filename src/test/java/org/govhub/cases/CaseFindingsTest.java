package org.govhub.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.govhub.testing.Clients;
import org.govhub.testing.HubTest;
import org.junit.jupiter.api.Test;

/** Process controls end to end: a case that breaks one is stored, flagged, and the finding stays queryable. */
@QuarkusTest
@HubTest
class CaseFindingsTest {

    private static String item() {
        return CatalogFixture.luchengItem();
    }

    @Test
    void penaltyOf50000YuanOnAnItemWhoseBaselineIs1000To30000IsAFinding() {
        Clients.Registered platform = Clients.register("3303", "platform");
        ObjectNode record = CaseSamples.record(CaseSamples.caseNo("over"), item(), "330302", 1);
        ((ObjectNode) record.get("result").get("penalty")).put("amountYuan", 50000);
        String caseNo = record.get("caseNo").asText();

        JsonPath answer = CaseApi.pushed(platform.token(), List.of(record));
        assertEquals("created", answer.getString("records[0].outcome"));
        assertEquals(List.of("penalty-outside-discretion"), answer.getList("records[0].findings"));

        JsonPath view = CaseApi.read(platform.token(), caseNo).statusCode(200).extract().jsonPath();
        assertEquals(List.of("penalty-outside-discretion"), view.getList("findings.rule"));
        assertEquals("result.penalty.amountYuan", view.getString("findings[0].field"));
        assertTrue(view.getString("findings[0].detail").contains("50000 yuan is outside"), view.getString("findings[0].detail"));
        assertTrue(view.getString("findings[0].detail").contains("fine 1000–30000 yuan"), view.getString("findings[0].detail"));

        List<CaseFinding> stored = QuarkusTransaction.requiringNew().call(() -> CaseFinding.ofCase(caseNo));
        assertEquals(1, stored.size());
        assertEquals("penalty-outside-discretion", stored.get(0).rule);
        assertEquals(item().substring(8, 10), stored.get(0).department);
        assertEquals("330302", stored.get(0).regionCode);
    }

    @Test
    void penaltyInsideTheBaselineIsNoFinding() {
        Clients.Registered platform = Clients.register("3303", "platform");
        ObjectNode record = CaseSamples.record(CaseSamples.caseNo("within"), item(), "330302", 1);
        JsonPath answer = CaseApi.pushed(platform.token(), List.of(record));
        assertEquals(List.of(), answer.getList("records[0].findings") == null ? List.of() : answer.getList("records[0].findings"));
        CaseApi.read(platform.token(), record.get("caseNo").asText()).statusCode(200)
                .body("findings.size()", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void supervisionReadsNewFindingsInIdOrder() {
        Clients.Registered platform = Clients.register("3303", "platform");
        long before = QuarkusTransaction.requiringNew().call(() -> {
            List<CaseFinding> all = CaseFinding.list("order by id desc");
            return all.isEmpty() ? 0L : all.get(0).id;
        });
        ObjectNode finished = CaseSamples.record(CaseSamples.caseNo("noresult"), item(), "330302", 1);
        finished.remove("result");
        ObjectNode returned = CaseSamples.record(CaseSamples.caseNo("noreason"), item(), "330302", 1);
        returned.withArray("steps").insertObject(2).put("name", "退回").put("action", "return").put("startedAt", "2026-11-05T18:00:00+08:00");
        CaseApi.pushed(platform.token(), List.of(finished, returned));
        List<CaseFinding> found = QuarkusTransaction.requiringNew().call(() -> CaseFinding.after(before, 100));
        // within a batch, rows are written in case-number order: noreason-… before noresult-…
        assertEquals(List.of("missing-reason", "finished-without-result"), found.stream().map(f -> f.rule).toList());
        assertEquals(List.of(returned.get("caseNo").asText(), finished.get("caseNo").asText()), found.stream().map(f -> f.caseNo).toList());
        assertTrue(found.get(0).id < found.get(1).id);
    }
}
