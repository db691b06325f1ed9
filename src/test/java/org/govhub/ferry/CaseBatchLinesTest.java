package org.govhub.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaseBatchLinesTest {
    private static ManifestEntry entry(int records) {
        return ManifestEntry.caseBatch("00000000-0000-0000-0000-000000000001", 0, "0".repeat(64), records, "c", "3303",
                Instant.now());
    }

    private static Rejection refusal(int records, String text) {
        return assertThrows(BundleRejectedException.class,
                () -> CaseBatchLines.read(entry(records), text.getBytes(StandardCharsets.UTF_8))).reason();
    }

    @Test
    void oneObjectPerLineWithOrWithoutAFinalNewline() throws Exception {
        assertEquals(2, CaseBatchLines.read(entry(2), "{\"a\":1}\n{\"b\":\"温州\"}\n".getBytes(StandardCharsets.UTF_8)).size());
        assertEquals(2, CaseBatchLines.read(entry(2), "{\"a\":1}\n{\"b\":2}".getBytes(StandardCharsets.UTF_8)).size());
    }

    @Test
    void aLineThatIsNotJsonIsBadPayload() {
        assertEquals(Rejection.BAD_PAYLOAD, refusal(2, "{\"a\":1}\n{\"b\":\n"));
    }

    @Test
    void aLineThatIsNotAnObjectIsBadPayload() {
        assertEquals(Rejection.BAD_PAYLOAD, refusal(2, "{\"a\":1}\n[1,2]\n"));
    }

    @Test
    void twoObjectsOnOneLineAreBadPayload() {
        assertEquals(Rejection.BAD_PAYLOAD, refusal(1, "{\"a\":1}{\"b\":2}\n"));
    }

    @Test
    void anotherRecordCountThanDeclaredIsBadPayload() {
        assertEquals(Rejection.BAD_PAYLOAD, refusal(3, "{\"a\":1}\n{\"b\":2}\n"));
    }

    @Test
    void anEmptyLineIsBadPayload() {
        assertEquals(Rejection.BAD_PAYLOAD, refusal(2, "{\"a\":1}\n\n{\"b\":2}\n"));
    }

    @Test
    void bytesThatAreNotUtf8AreBadPayload() {
        assertEquals(Rejection.BAD_PAYLOAD, assertThrows(BundleRejectedException.class,
                () -> CaseBatchLines.read(entry(1), new byte[] {'{', '"', (byte) 0xC3, '"', ':', '1', '}'})).reason());
        assertEquals(Rejection.BAD_PAYLOAD, assertThrows(BundleRejectedException.class, () -> CaseBatchLines.read(entry(1),
                new byte[] {'{', '"', 'a', '"', ':', '"', 'x', (byte) 0xC3, 'y', '"', '}'})).reason(), "inside a value");
        assertEquals(Rejection.BAD_PAYLOAD, assertThrows(BundleRejectedException.class, () -> CaseBatchLines.read(entry(1),
                new byte[] {'{', '"', 'a', '"', ':', '[', '"', (byte) 0xE6, (byte) 0xB8, '"', ']', '}'})).reason(), "cut short in a nested value");
        assertEquals(Rejection.BAD_PAYLOAD, assertThrows(BundleRejectedException.class, () -> CaseBatchLines.read(entry(1),
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0x80, '"', '}'})).reason(), "an overlong NUL");
        assertEquals(Rejection.BAD_PAYLOAD, assertThrows(BundleRejectedException.class, () -> CaseBatchLines.read(entry(1),
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'})).reason(), "a lone surrogate");
    }

    @Test
    void whatAHostileLineHoldsIsQuotedWithoutControlCharacters() {
        BundleRejectedException why = assertThrows(BundleRejectedException.class, () -> CaseBatchLines.read(entry(1),
                new byte[] {'P', 'K', 3, 4, 0, 0, '\r', 'x'}));
        assertEquals(Rejection.BAD_PAYLOAD, why.reason());
        assertTrue(why.detail().chars().noneMatch(Character::isISOControl), why.detail());
    }

    @Test
    void aDuplicateMemberIsBadPayload() {
        assertEquals(Rejection.BAD_PAYLOAD, refusal(1, "{\"a\":{\"b\":1,\"b\":2}}\n"));
    }

    @Test
    void eachLineIsHandedOnAsItsOwnBytesWithItsCaseNumber() throws Exception {
        List<CaseBatchLines.Line> lines = CaseBatchLines.read(entry(2),
                "{\"a\":{\"caseNo\":\"inner\"}}\r\n{\"b\":\"温州\",\"caseNo\":\"C-1\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals("{\"a\":{\"caseNo\":\"inner\"}}\r", new String(lines.get(0).json(), StandardCharsets.UTF_8));
        assertEquals("", lines.get(0).caseNo(), "only a top-level caseNo counts");
        assertEquals("{\"b\":\"温州\",\"caseNo\":\"C-1\"}", new String(lines.get(1).json(), StandardCharsets.UTF_8));
        assertEquals("C-1", lines.get(1).caseNo());
    }
}
