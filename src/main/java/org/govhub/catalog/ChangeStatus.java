package org.govhub.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The review state of a change request. */
public enum ChangeStatus implements WireNamed {
    PENDING("pending"),
    APPROVED("approved"),
    REJECTED("rejected");

    private final String wireName;

    ChangeStatus(String wireName) {
        this.wireName = wireName;
    }

    @JsonCreator
    public static ChangeStatus parse(String text) {
        return WireNamed.parse(ChangeStatus.class, "status", "status", text);
    }

    @JsonValue
    @Override
    public String wireName() {
        return wireName;
    }
}
