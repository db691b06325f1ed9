package org.govhub.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import org.govhub.catalog.PowerItemCode;
import org.junit.jupiter.api.Test;

/** Each process control of seed 003 §四(三) on its own; the sample record breaks none. */
class ProcessControlsTest {
    private static final String ITEM = "33030300AJ-CF-0003";
    private static final CaseItem PENALTY_ITEM = new CaseItem(PowerItemCode.parse(ITEM), "未按规定开展安全生产教育培训",
            List.of("现场检查记录", "询问笔录"),
            List.of(new CaseItem.PenaltyRange("fine", new BigDecimal("1000"), new BigDecimal("30000")),
                    new CaseItem.PenaltyRange("warning", null, null)));

    private static List<Finding> findings(ObjectNode json) {
        CaseRecordReader.Parsed parsed = CaseRecordReader.read(json, "r");
        assertEquals(List.of(), parsed.errors());
        return ProcessControls.check(parsed.record(), PENALTY_ITEM, 3);
    }

    private static ObjectNode sample() {
        return CaseSamples.record("A-1", ITEM, "330303", 1);
    }

    private static ObjectNode step(ObjectNode json, int index) {
        return (ObjectNode) json.withArray("steps").get(index);
    }

    private static void addStep(ObjectNode json, int at, String action, String reason, String startedAt) {
        ArrayNode steps = json.withArray("steps");
        ObjectNode step = CaseJson.MAPPER.createObjectNode().put("name", "补正告知").put("action", action)
                .put("startedAt", startedAt);
        if (reason != null) {
            step.put("reason", reason);
        }
        steps.insert(at, step);
    }

    @Test
    void sampleBreaksNoControl() {
        assertEquals(List.of(), findings(sample()));
    }

    @Test
    void finishedWithoutResult() {
        ObjectNode json = sample();
        json.remove("result");
        assertEquals(List.of(new Finding(FindingRule.FINISHED_WITHOUT_RESULT, "result", "the case is finished but carries no result")),
                findings(json));
    }

    @Test
    void correctionSuspensionReturnAndRejectionWithoutReason() {
        for (String action : List.of("correct", "suspend", "return", "reject")) {
            ObjectNode json = sample();
            addStep(json, 1, action, null, "2026-11-02T10:00:00+08:00");
            List<Finding> found = findings(json);
            assertEquals(1, found.size(), action + ": " + found);
            assertEquals(FindingRule.MISSING_REASON, found.get(0).rule());
            assertEquals("steps[1].reason", found.get(0).field());
        }
    }

    @Test
    void correctionWithAReasonIsFine() {
        ObjectNode json = sample();
        addStep(json, 1, "correct", "缺少培训记录", "2026-11-02T10:00:00+08:00");
        assertEquals(List.of(), findings(json));
    }

    @Test
    void moreCorrectionsThanConfigured() {
        ObjectNode json = sample();
        for (int i = 0; i < 3; i++) {
            addStep(json, 1, "correct", "补正第" + (i + 1) + "次", "2026-11-02T10:00:00+08:00");
        }
        assertEquals(List.of(), findings(json));
        addStep(json, 1, "correct", "补正第4次", "2026-11-02T10:00:00+08:00");
        List<Finding> found = findings(json);
        assertEquals(List.of(FindingRule.TOO_MANY_CORRECTIONS), found.stream().map(Finding::rule).toList());
        assertTrue(found.get(0).detail().startsWith("4 corrections"));
    }

    @Test
    void penaltyAboveTheDiscretionBaseline() {
        ObjectNode json = sample();
        ((ObjectNode) json.get("result").get("penalty")).put("amountYuan", 50000);
        List<Finding> found = findings(json);
        assertEquals(1, found.size());
        assertEquals(FindingRule.PENALTY_OUTSIDE_DISCRETION, found.get(0).rule());
        assertEquals("result.penalty.amountYuan", found.get(0).field());
        assertTrue(found.get(0).detail().contains("50000 yuan is outside"), found.get(0).detail());
        assertTrue(found.get(0).detail().contains("fine 1000–30000 yuan"), found.get(0).detail());
    }

    @Test
    void penaltyAtTheBoundsOfTheBaselineIsFine() {
        for (String amount : List.of("1000", "30000", "30000.00")) {
            ObjectNode json = sample();
            ((ObjectNode) json.get("result").get("penalty")).put("amountYuan", new BigDecimal(amount));
            assertEquals(List.of(), findings(json), amount);
        }
    }

    @Test
    void penaltyOfAKindTheBaselineDoesNotKnow() {
        ObjectNode json = sample();
        ((ObjectNode) json.get("result").get("penalty")).put("kind", "detention");
        List<Finding> found = findings(json);
        assertEquals(List.of("result.penalty.kind"), found.stream().map(Finding::field).toList());
    }

    @Test
    void warningWithoutAmountIsFineButAFineWithoutAmountIsNot() {
        ObjectNode warning = sample();
        ((ObjectNode) warning.get("result").get("penalty")).put("kind", "warning").remove("amountYuan");
        assertEquals(List.of(), findings(warning));
        ObjectNode fine = sample();
        ((ObjectNode) fine.get("result").get("penalty")).remove("amountYuan");
        assertEquals(List.of("result.penalty.amountYuan"), fieldsOf(FindingRule.PENALTY_OUTSIDE_DISCRETION, findings(fine)));
    }

    @Test
    void stepEndingBeforeItStarts() {
        ObjectNode json = sample();
        step(json, 2).put("endedAt", "2026-11-06T08:00:00+08:00");
        assertEquals(List.of("steps[2].endedAt"), fieldsOf(FindingRule.STEPS_OUT_OF_ORDER, findings(json)));
    }

    @Test
    void stepStartingBeforeThePreviousOne() {
        ObjectNode json = sample();
        step(json, 3).put("startedAt", "2026-11-04T09:00:00+08:00").put("endedAt", "2026-11-04T10:00:00+08:00");
        assertEquals(List.of("steps[3].startedAt"), fieldsOf(FindingRule.STEPS_OUT_OF_ORDER, findings(json)));
    }

    @Test
    void handlingBeforeAcceptance() {
        ObjectNode json = sample();
        step(json, 0).put("startedAt", "2026-11-01T09:00:00+08:00");
        step(json, 1).put("startedAt", "2026-11-01T10:00:00+08:00");
        assertEquals(List.of("steps[1].startedAt"), fieldsOf(FindingRule.STEPS_OUT_OF_ORDER, findings(json)));
    }

    @Test
    void acceptedWithARequiredMaterialNotSubmitted() {
        ObjectNode json = sample();
        ((ObjectNode) json.withArray("materials").get(1)).put("submitted", false);
        List<Finding> found = findings(json);
        assertEquals(List.of(new Finding(FindingRule.MATERIALS_MISSING, "materials[1].submitted",
                "required material 询问笔录 was not submitted, yet the case was accepted")), found);
    }

    @Test
    void acceptedWithoutAMaterialTheCatalogueRequires() {
        ObjectNode json = sample();
        json.withArray("materials").remove(0);
        List<Finding> found = findings(json);
        assertEquals(List.of(FindingRule.MATERIALS_MISSING), found.stream().map(Finding::rule).toList());
        assertTrue(found.get(0).detail().contains("现场检查记录"));
    }

    private static List<String> fieldsOf(FindingRule rule, List<Finding> findings) {
        return findings.stream().filter(f -> f.rule() == rule).map(Finding::field).toList();
    }
}
