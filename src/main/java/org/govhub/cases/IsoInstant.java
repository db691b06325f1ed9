package org.govhub.cases;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * Parses ISO-8601 date-times with an offset ({@code 2026-11-21T09:30:00+08:00}, {@code …Z}, with or
 * without a fraction). A record carries a dozen of them and {@link OffsetDateTime#parse} costs several
 * microseconds each, so the common shape is read by hand; anything else goes to the JDK parser.
 */
final class IsoInstant {

    private IsoInstant() {
    }

    static Instant parse(String text) {
        Instant fast = fast(text);
        return fast != null ? fast : OffsetDateTime.parse(text).toInstant();
    }

    /** The instant, or null when the text is not in the common shape (the JDK parser then decides). */
    private static Instant fast(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            int count = i - start;
            if (count == 0 || count > 9) {
                return null;
            }
            nanos = digits(s, start, count);
            for (int k = count; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (i == n - 1 && s.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int oh = digits(s, i + 1, 2);
            int om = digits(s, i + 4, 2);
            if ((oh | om) < 0 || oh > 18 || om > 59) {
                return null;
            }
            offsetSeconds = (s.charAt(i) == '-' ? -1 : 1) * (oh * 3600 + om * 60);
            if (Math.abs(offsetSeconds) > 18 * 3600) {
                return null;
            }
        } else {
            return null;
        }
        try {
            ChronoField.HOUR_OF_DAY.checkValidValue(hour);
            ChronoField.MINUTE_OF_HOUR.checkValidValue(minute);
            ChronoField.SECOND_OF_MINUTE.checkValidValue(second);
            long days = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(days * 86_400L + hour * 3600 + minute * 60 + second - offsetSeconds, nanos);
        } catch (DateTimeException e) {
            throw new DateTimeParseException("invalid date-time: " + e.getMessage(), s, 0);
        }
    }

    /**
     * Exactly {@link Instant#toString()}, without the formatter machinery or a string per field: a
     * record holds a dozen instants, each written into its canonical JSON and its database row.
     */
    static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        int nanos = instant.getNano();
        if (seconds < -62_167_219_200L || seconds >= 253_402_300_800L) {
            return instant.toString(); // outside years 0000-9999
        }
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400L));
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        byte[] out = new byte[30];
        int at = put(out, 0, date.getYear(), 4, '-');
        at = put(out, at, date.getMonthValue(), 2, '-');
        at = put(out, at, date.getDayOfMonth(), 2, 'T');
        at = put(out, at, secondOfDay / 3600, 2, ':');
        at = put(out, at, secondOfDay / 60 % 60, 2, ':');
        if (nanos == 0) {
            at = put(out, at, secondOfDay % 60, 2, 'Z');
        } else {
            at = put(out, at, secondOfDay % 60, 2, '.');
            if (nanos % 1_000_000 == 0) {
                at = put(out, at, nanos / 1_000_000, 3, 'Z');
            } else if (nanos % 1000 == 0) {
                at = put(out, at, nanos / 1000, 6, 'Z');
            } else {
                at = put(out, at, nanos, 9, 'Z');
            }
        }
        return new String(out, 0, at, StandardCharsets.ISO_8859_1);
    }

    /** Writes {@code value} as {@code width} digits with leading zeros, then {@code then}; returns the next index. */
    private static int put(byte[] out, int at, int value, int width, char then) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        out[at + width] = (byte) then;
        return at + width + 1;
    }

    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
