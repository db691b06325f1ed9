package org.govhub.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.List;

/**
 * A power item as read by its code: its status, the effective (or proposed, for editors) document,
 * and the lineage to the items it came from and went to. {@code pendingChangeId} is shown only to
 * editors and reviewers of the item's region.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ItemView(String code, RecordStatus status, ChangeKind retiredAs, int version, Instant effectiveFrom,
        Instant retiredAt, @JsonRawValue String item, List<Lineage> predecessors, List<Lineage> successors,
        Long pendingChangeId, @JsonRawValue String origin) {

    /** A link to an item this one was split, merged or delegated from (predecessor) or into (successor). */
    public record Lineage(String code, ChangeKind relation, long changeId, Instant at) {
    }
}
