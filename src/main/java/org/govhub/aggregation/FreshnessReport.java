package org.govhub.aggregation;

import java.time.Instant;
import java.util.List;

/** The answer of {@code GET /api/v1/supervision/freshness}: sources, overdue ones first. */
public record FreshnessReport(Instant checkedAt, String period, int overdue, List<SourceFreshness> sources) {
}
