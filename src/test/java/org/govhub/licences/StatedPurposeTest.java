package org.govhub.licences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.govhub.common.problem.ProblemException;
import org.junit.jupiter.api.Test;

class StatedPurposeTest {

    @Test
    void missingOrBlankPurposeIsA400NamingTheHeader() {
        for (String header : new String[] {null, "", "   "}) {
            ProblemException e = assertThrows(ProblemException.class, () -> StatedPurpose.require(header));
            assertEquals(400, e.type().status());
            assertEquals("X-Purpose", e.errors().get(0).field());
        }
    }

    @Test
    void asciiPurposeIsTakenAsIs() {
        assertEquals("case 33030300AJ-XK-0001 100% checked", StatedPurpose.require(" case 33030300AJ-XK-0001 100% checked "));
    }

    @Test
    void percentEncodedUtf8IsDecoded() {
        assertEquals("办件 2026-0042", StatedPurpose.require("%E5%8A%9E%E4%BB%B6 2026-0042"));
    }

    @Test
    void rawUtf8BytesReadAsLatin1AreRestored() {
        String asReceived = new String("办件 2026-0042".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertEquals("办件 2026-0042", StatedPurpose.require(asReceived));
    }

    @Test
    void overlongPurposeIsRefused() {
        assertThrows(ProblemException.class, () -> StatedPurpose.require("x".repeat(501)));
    }
}
