package org.govhub.audit;

import java.time.Instant;

/** An archive set as the API lists it. */
public record ArchiveView(String kind, String period, String objectPrefix, String firstKey, String lastKey,
        long rowCount, String contentSm3, String manifestSm3, String state, Instant createdAt, Instant purgedAt) {

    static ArchiveView of(ArchiveRecord r) {
        return new ArchiveView(r.kind, r.period, r.objectPrefix, r.firstKey, r.lastKey, r.rowCount, r.contentSm3,
                r.manifestSm3, r.state, r.createdAt, r.purgedAt);
    }
}
