package org.govhub.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;

/**
 * A responsibility-list or special-fund-list entry: status, version and the effective document
 * ({@code entry}: a {@link Responsibility} or a {@link SpecialFund}; the proposed one for editors
 * before approval). {@code origin}: where a forwarded change made the entry's effective version and the
 * path it travelled; absent for entries made here.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListEntryView(long id, RecordStatus status, int version, Instant effectiveFrom, Instant retiredAt,
        @JsonRawValue String entry, Long pendingChangeId, @JsonRawValue String origin) {
}
