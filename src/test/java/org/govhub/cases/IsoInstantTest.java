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
    void agreesWithTheJdkParserOnRandomFieldsInAndOutOfRange() {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 200_000; i++) {
            String fraction = switch (random.nextInt(4)) {
                case 0 -> "";
                case 1 -> "." + random.nextInt(1000);
                case 2 -> String.format(".%09d", random.nextInt(1_000_000_000));
                default -> "." + "1234567891".substring(0, 1 + random.nextInt(10));
            };
            String offset = random.nextInt(5) == 0 ? "Z" : String.format("%s%02d:%02d", random.nextBoolean() ? "+" : "-",
                    random.nextInt(20), random.nextInt(62));
            String text = String.format("%04d-%02d-%02dT%02d:%02d:%02d%s%s", random.nextInt(10_000), random.nextInt(14),
                    random.nextInt(33), random.nextInt(26), random.nextInt(62), random.nextInt(62), fraction, offset);
            java.time.Instant expected;
            try {
                expected = OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                assertThrows(DateTimeParseException.class, () -> IsoInstant.parse(text), text);
                continue;
            }
            assertEquals(expected, IsoInstant.parse(text), text);
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
        for (String edge : List.of("0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "1969-12-31T23:59:59.000001Z",
                "1970-01-01T00:00:00.001Z", "2024-02-29T12:00:00Z")) {
            assertEquals(edge, IsoInstant.format(java.time.Instant.parse(edge)));
        }
        assertEquals("+10000-01-01T00:00:00Z", IsoInstant.format(java.time.Instant.parse("+10000-01-01T00:00:00Z")));
    }
}
