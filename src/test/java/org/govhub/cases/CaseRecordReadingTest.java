package org.govhub.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.govhub.common.problem.FieldError;
import org.junit.jupiter.api.Test;

class CaseRecordReadingTest {
    private static final String ITEM = "33030300AJ-CF-0003";

    private static Map<String, String> errors(ObjectNode json) {
        CaseRecordReader.Parsed parsed = CaseRecordReader.read(json, "records[7]");
        List<FieldError> all = new java.util.ArrayList<>(parsed.errors());
        if (parsed.errors().isEmpty()) {
            all.addAll(CaseRecordCheck.check(parsed.record(), "records[7]"));
        }
        return all.stream().collect(Collectors.toMap(FieldError::field, FieldError::message, (a, b) -> a + "; " + b));
    }

    @Test
    void sampleRecordIsValid() {
        assertEquals(Map.of(), errors(CaseSamples.record("A-1", ITEM, "330303", 1)));
    }

    @Test
    void everyBrokenFieldIsReportedWithItsPath() {
        ObjectNode json = CaseSamples.record("A-1", ITEM, "330303", 1);
        json.put("itemCode", "33030300aj-CF-0003");
        json.put("dataVersion", "2");
        ((ObjectNode) json.get("applicant")).put("idType", "identity-card");
        ((ObjectNode) json.withArray("steps").get(1)).put("startedAt", "yesterday");
        ((ObjectNode) json.get("result").get("penalty")).put("amountYuan", "50000");
        Map<String, String> errors = errors(json);
        assertEquals(List.of("records[7].applicant.idType", "records[7].dataVersion", "records[7].itemCode",
                "records[7].result.penalty.amountYuan", "records[7].steps[1].startedAt"),
                errors.keySet().stream().sorted().toList());
        assertTrue(errors.get("records[7].applicant.idType").contains("resident-id"));
    }

    @Test
    void missingRequiredFieldsAreNamed() {
        ObjectNode json = CaseSamples.record("A-1", ITEM, "330303", 1);
        json.remove(List.of("subject", "acceptedAt"));
        ((ObjectNode) json.get("applicant")).remove("idNumber");
        assertEquals(Map.of("records[7].subject", "is required", "records[7].acceptedAt", "is required",
                "records[7].applicant.idNumber", "is required"), errors(json));
    }

    @Test
    void unknownFieldsAreRejectedSoATypoCannotHideAReason() {
        ObjectNode json = CaseSamples.record("A-1", ITEM, "330303", 1);
        ((ObjectNode) json.withArray("steps").get(0)).put("reasn", "材料不全");
        assertEquals(Map.of("records[7].steps[0].reasn", "unknown field"), errors(json));
    }

    @Test
    void residentIdNumberMustHaveItsShape() {
        ObjectNode json = CaseSamples.record("A-1", ITEM, "330303", 1);
        ((ObjectNode) json.get("applicant")).put("idNumber", "33030319900101123");
        assertTrue(errors(json).get("records[7].applicant.idNumber").contains("18 characters"));
    }

    @Test
    void controlCharactersAndUnpairedSurrogatesAreRejected() {
        ObjectNode json = CaseSamples.record("A-1", ITEM, "330303", 1);
        json.put("subject", "处罚\u0000案");
        ((ObjectNode) json.get("applicant")).put("name", "张\uD840三");
        Map<String, String> errors = errors(json);
        assertTrue(errors.get("records[7].subject").contains("U+0000"));
        assertTrue(errors.get("records[7].applicant.name").contains("unpaired surrogate"));
    }

    @Test
    void supplementaryCharactersAreCleanTextAndCountAsOneCharacter() {
        ObjectNode json = CaseSamples.record("A-1", ITEM, "330303", 1);
        ((ObjectNode) json.get("applicant")).put("name", "𠀀".repeat(200));
        assertEquals(Map.of(), errors(json));
        ((ObjectNode) json.get("applicant")).put("name", "𠀀".repeat(201));
        assertEquals("has 201 characters; at most 200 are accepted", errors(json).get("records[7].applicant.name"));
    }

    @Test
    void penaltyAmountIsExactAndLimitedToFen() {
        ObjectNode json = CaseSamples.record("A-1", ITEM, "330303", 1);
        ((ObjectNode) json.get("result").get("penalty")).put("amountYuan", new BigDecimal("12345.678"));
        assertEquals("has more than 2 decimal places (fen)", errors(json).get("records[7].result.penalty.amountYuan"));
    }

    @Test
    void timesWithOffsetsAreReadAsInstants() {
        CaseRecordReader.Parsed parsed = CaseRecordReader.read(CaseSamples.record("A-1", ITEM, "330303", 1), "r");
        assertNotNull(parsed.record());
        assertEquals(Instant.parse("2026-11-02T01:30:00Z"), parsed.record().acceptedAt());
    }

    @Test
    void reservedCaseNumbersAreRejected() {
        assertTrue(errors(CaseSamples.record("changes", ITEM, "330303", 1)).get("records[7].caseNo").contains("reserved"));
    }

    @Test
    void aRecordThatIsNotAnObjectIsOneError() {
        CaseRecordReader.Parsed parsed = CaseRecordReader.read(com.fasterxml.jackson.databind.node.TextNode.valueOf("x"), "records[0]");
        assertEquals(List.of(new FieldError("records[0]", "must be a JSON object")), parsed.errors());
    }
}
