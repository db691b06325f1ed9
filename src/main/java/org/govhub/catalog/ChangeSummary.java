package org.govhub.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A change request as listed: what it does, to which records (power-item codes or list-entry ids),
 * who submitted it and why, and who reviewed it, when and why.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChangeSummary(long id, RecordKind record, ChangeKind kind, ChangeStatus status, String reason,
        int entryCount, List<String> sources, List<String> targets, String submittedBy, Instant submittedAt,
        String reviewedBy, Instant reviewedAt, String reviewNote,
        @com.fasterxml.jackson.annotation.JsonRawValue String origin) {

    static ChangeSummary of(CatalogChange change, List<String> sources, List<String> targets) {
        return new ChangeSummary(change.id, change.record, change.kind, change.status, change.reason, change.entryCount,
                sources, targets, change.submittedBy, change.submittedAt, change.reviewedBy, change.reviewedAt,
                change.reviewNote, change.originJson);
    }
}
