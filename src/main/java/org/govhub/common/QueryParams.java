package org.govhub.common;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.govhub.common.problem.ProblemException;

/**
 * Parses query parameters taken as strings, so a malformed value becomes a 400 naming the
 * parameter instead of the framework's bare 404/400.
 */
public final class QueryParams {
    private QueryParams() {
    }

    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(name, "must be an ISO-8601 instant such as 2026-11-21T08:00:00Z");
        }
    }

    public static long longValue(String name, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw ProblemException.invalidField(name, "must be a whole number");
        }
    }

    public static int intValue(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw ProblemException.invalidField(name, "must be a whole number");
        }
    }
}
