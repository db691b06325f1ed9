package org.govhub.cases;

import java.time.Instant;
import java.util.List;

/** The answer to a batch push: one outcome per record, in the order sent, and the totals. */
public record BatchResult(String batchId, Instant receivedAt, int received, int created, int updated, int unchanged,
        int stale, int rejected, List<RecordOutcome> records) {

    static BatchResult of(String batchId, Instant receivedAt, List<RecordOutcome> records) {
        int[] counts = new int[PushOutcome.values().length];
        records.forEach(r -> counts[r.outcome().ordinal()]++);
        return new BatchResult(batchId, receivedAt, records.size(), counts[PushOutcome.CREATED.ordinal()],
                counts[PushOutcome.UPDATED.ordinal()], counts[PushOutcome.UNCHANGED.ordinal()],
                counts[PushOutcome.STALE.ordinal()], counts[PushOutcome.REJECTED.ordinal()], records);
    }

    /** The totals in at most 30 characters, e.g. {@code c480 u10 n5 s3 r2}, for the audit row. */
    String summary() {
        return "c" + created + " u" + updated + " n" + unchanged + " s" + stale + " r" + rejected;
    }
}
