package org.govhub.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where a catalogue record (a power-item code or a list entry) stands. */
public enum RecordStatus implements WireNamed {
    /** A code allocated by {@code POST /items/codes}, not yet submitted; the code is spent. */
    RESERVED("reserved"),
    /** Submitted in a pending change; not yet effective. */
    PROPOSED("proposed"),
    /** Its adding change was rejected; never effective (a code stays spent). */
    REJECTED("rejected"),
    /** Approved and published. */
    EFFECTIVE("effective"),
    /** Cancelled, split, merged or delegated away; its last version stays readable. */
    RETIRED("retired");

    private final String wireName;

    RecordStatus(String wireName) {
        this.wireName = wireName;
    }

    @JsonCreator
    public static RecordStatus parse(String text) {
        return WireNamed.parse(RecordStatus.class, "status", "status", text);
    }

    @JsonValue
    @Override
    public String wireName() {
        return wireName;
    }
}
