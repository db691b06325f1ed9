package org.govhub.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/** A change request with the documents it proposes, for the reviewer to read before deciding. */
public record ChangeDetail(@JsonUnwrapped ChangeSummary change, List<Entry> entries) {

    /** One record of the change; {@code document} is the proposed item or list entry, absent for sources. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(EntryRole role, String key, String subjectCode, @JsonRawValue String document, Integer version) {
    }
}
