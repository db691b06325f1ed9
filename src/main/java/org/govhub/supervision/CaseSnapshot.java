package org.govhub.supervision;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.govhub.supervision.CaseTiming.TimedStep;

/**
 * One version of a case as supervision takes it in from the case library: what the deadline, the
 * statistics and the correction rule need. {@code finishedAt} is when the case was closed (its result's
 * finishing time), null while it is open.
 */
public record CaseSnapshot(String caseNo, long dataVersion, String itemCode, String regionCode, String status,
        Instant acceptedAt, Instant finishedAt, Integer promisedWorkingDays, Instant promisedDeadline,
        List<TimedStep> steps) {

    public CaseSnapshot {
        Objects.requireNonNull(caseNo, "caseNo");
        Objects.requireNonNull(itemCode, "itemCode");
        Objects.requireNonNull(regionCode, "regionCode");
        Objects.requireNonNull(acceptedAt, "acceptedAt");
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    /** The handling subject (department) code: the item code's first 10 characters. */
    public String department() {
        return itemCode.substring(0, Math.min(10, itemCode.length()));
    }
}
