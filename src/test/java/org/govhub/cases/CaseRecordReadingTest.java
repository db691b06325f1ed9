package org.govhub.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
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

    private static CaseRecordReader.Parsed readText(String json) throws IOException {
        try (JsonParser parser = CaseJson.MAPPER.createParser(json)) {
            parser.nextToken();
            CaseRecordReader.Parsed parsed = CaseRecordReader.read(parser, "records[7]");
            assertEquals(JsonToken.END_OBJECT, parser.currentToken(), "the parser stays on the record's last token");
            assertNull(parser.nextToken());
            return parsed;
        }
    }

    private static String sampleWith(String replace, String with) {
        String json = CaseSamples.record("A-1", ITEM, "330303", 1).toString();
        assertTrue(json.contains(replace), json);
        return json.replace(replace, with);
    }

    @Test
    void errorsComeUnknownMembersFirstThenKnownOnesInAFixedOrderWhateverOrderTheyWereSentIn() throws IOException {
        String json = "{\"zeta\":1,\"result\":{\"decision\":5,\"penalty\":{\"amountYuan\":\"1\",\"kind\":2}},"
                + "\"dataVersion\":\"2\",\"alpha\":true,\"caseNo\":7}";
        assertEquals(List.of(
                new FieldError("records[7].zeta", "unknown field"),
                new FieldError("records[7].alpha", "unknown field"),
                new FieldError("records[7].caseNo", "must be a string"),
                new FieldError("records[7].dataVersion", "must be a whole number"),
                new FieldError("records[7].result.penalty.kind", "must be a string"),
                new FieldError("records[7].result.penalty.amountYuan", "must be a number (not a string)"),
                new FieldError("records[7].result.decision", "must be a string")), readText(json).errors());
    }

    @Test
    void aMemberSentTwiceCountsOnceWithItsLastValueAndOnlyThatValuesErrors() throws IOException {
        CaseRecordReader.Parsed parsed = readText(sampleWith("\"subject\":", "\"subject\":7,\"subject\":"));
        assertEquals(List.of(), parsed.errors());
        assertEquals("关于某某化工有限公司未按规定开展安全生产教育培训的处罚案", parsed.record().subject());

        parsed = readText(sampleWith("\"applicant\":{", "\"applicant\":{\"bogus\":1,\"idType\":\"x\"},\"applicant\":{"));
        assertEquals(List.of(), parsed.errors());
        assertEquals("温州市龙湾区某某化工有限公司", parsed.record().applicant().name());

        parsed = readText(sampleWith("\"subject\":", "\"bogus\":1,\"bogus\":2,\"subject\":"));
        assertEquals(List.of(new FieldError("records[7].bogus", "unknown field")), parsed.errors());

        parsed = readText(sampleWith("\"facts\":{", "\"facts\":{\"area\":{\"value\":\"x\"},"));
        assertEquals(List.of(), parsed.errors());
        assertEquals(new BigDecimal("1250.5"), parsed.record().facts().get("area").value());
    }

    @Test
    void wholeNumbersMustBeIntegersWithinTheirRange() throws IOException {
        assertEquals(List.of(new FieldError("records[7].dataVersion", "must be a whole number")),
                readText(sampleWith("\"dataVersion\":1", "\"dataVersion\":1.0")).errors());
        assertEquals(List.of(new FieldError("records[7].dataVersion", "must be a whole number")),
                readText(sampleWith("\"dataVersion\":1", "\"dataVersion\":9223372036854775808")).errors());
        assertEquals(Long.MAX_VALUE,
                readText(sampleWith("\"dataVersion\":1", "\"dataVersion\":9223372036854775807")).record().dataVersion());
        assertEquals(List.of(new FieldError("records[7].promisedWorkingDays", "must be a whole number")),
                readText(sampleWith("\"promisedWorkingDays\":20", "\"promisedWorkingDays\":2147483648")).errors());
        assertEquals(0, new BigDecimal("50000").compareTo(
                readText(sampleWith("\"amountYuan\":20000", "\"amountYuan\":5E+4")).record().result().penalty().amountYuan()));
    }

    @Test
    void anOriginIsSetAsideAsSentAndIsNotAnUnknownField() throws IOException {
        CaseRecordReader.Parsed parsed = readText(sampleWith("\"subject\":", "\"origin\":{\"path\":[]},\"subject\":"));
        assertEquals(List.of(), parsed.errors());
        assertEquals("{\"path\":[]}", parsed.origin().toString());
        assertNull(readText(CaseSamples.record("A-1", ITEM, "330303", 1).toString()).origin());
    }

    @Test
    void readingTextAndReadingATreeGiveTheSameRecord() throws IOException {
        ObjectNode json = CaseSamples.record("A-1", ITEM, "330303", 1);
        assertEquals(CaseRecordReader.read(json, "records[7]").record(), readText(json.toString()).record());
    }
}
