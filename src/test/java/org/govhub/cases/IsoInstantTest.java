package org.govhub.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.junit.jupiter.api.Test;

class IsoInstantTest {
    @Test
    void agreesWithTheJdkParser() {
        for (String text : List.of("2026-11-21T09:30:00+08:00", "2026-11-21T01:30:00Z", "2026-11-21T09:30:00.5+08:00",
                "2026-11-21T09:30:00.123456789-05:30", "2024-02-29T23:59:59+14:00", "1999-12-31T23:59:59.000001Z",
                "2026-11-21T09:30+08:00", "2026-11-21T09:30:00+0800")) {
            boolean jdkAccepts;
            try {
                OffsetDateTime.parse(text);
                jdkAccepts = true;
            } catch (DateTimeParseException e) {
                jdkAccepts = false;
            }
            if (jdkAccepts) {
                assertEquals(OffsetDateTime.parse(text).toInstant(), IsoInstant.parse(text), text);
            } else {
                assertThrows(DateTimeParseException.class, () -> IsoInstant.parse(text), text);
            }
        }
    }

    @Test
    void rejectsImpossibleDatesAndMissingOffsets() {
        for (String text : List.of("2026-02-30T09:30:00+08:00", "2026-11-21T24:30:00Z", "2026-11-21T09:30:00",
                "2026-11-21 09:30:00+08:00", "２０２６-11-21T09:30:00Z")) {
            assertThrows(DateTimeParseException.class, () -> IsoInstant.parse(text), text);
        }
    }

    @Test
    void formatsExactlyLikeInstantToString() {
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 100_000; i++) {
            long seconds = random.nextLong() % 253_402_300_799L;
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            java.time.Instant instant = java.time.Instant.ofEpochSecond(seconds, nanos);
            assertEquals(instant.toString(), IsoInstant.format(instant));
        }
        assertEquals("+10000-01-01T00:00:00Z", IsoInstant.format(java.time.Instant.parse("+10000-01-01T00:00:00Z")));
    }
}
