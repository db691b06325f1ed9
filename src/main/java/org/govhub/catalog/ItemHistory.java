package org.govhub.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.List;

/**
 * Every change request that touched one code, oldest first: each approved one that made a version
 * carries that version's document. The public sees approved changes only; editors and reviewers of
 * the item's region also see pending and rejected ones.
 */
public record ItemHistory(String code, RecordStatus status, List<Event> events) {

    /** One change: {@code role} says whether the code was its source or its target; sources/targets only for lineage kinds. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Event(long changeId, ChangeKind kind, ChangeStatus status, EntryRole role, Integer version,
            String reason, String submittedBy, Instant submittedAt, String reviewedBy, Instant reviewedAt,
            String reviewNote, List<String> sources, List<String> targets,
            @JsonRawValue String item) {
    }
}
