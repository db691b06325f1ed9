package org.govhub.aggregation;

import java.time.Instant;

/**
 * One source in the freshness answer: when it last reported (null: never), since when it has been
 * silent, and whether that is longer than the freshness period.
 */
public record SourceFreshness(SourceKind kind, String sourceId, String regionPrefix, boolean expected,
        Instant lastReportAt, Instant silentSince, long silentSeconds, boolean overdue) {
}
