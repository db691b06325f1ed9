package org.govhub.cases;

import com.fasterxml.jackson.annotation.JsonValue;

/** What became of one pushed record. */
public enum PushOutcome implements WireEnum {
    /** A case the hub had not seen: stored as its first version. */
    CREATED("created"),
    /** A higher dataVersion than stored: stored as a new version and made current. */
    UPDATED("updated"),
    /** The same dataVersion with the same content is already stored: nothing written. */
    UNCHANGED("unchanged"),
    /** A lower dataVersion than stored: nothing written, the stored case stays as it is. */
    STALE("stale"),
    /** Invalid, outside the client's region, for an item that is not effective, or conflicting: nothing written. */
    REJECTED("rejected");

    private final String wireName;

    PushOutcome(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    @Override
    public String wireName() {
        return wireName;
    }

    boolean wrote() {
        return this == CREATED || this == UPDATED;
    }
}
