package org.govhub.supervision;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where an alert stands in the supervisors' workflow (调查核实、督促整改). */
public enum AlertStatus implements WireName {
    /** Raised, nobody has looked at it yet. */
    OPEN("open"),
    /** A supervisor has seen it. */
    ACKNOWLEDGED("acknowledged"),
    /** A supervisor has looked into it and written down what was found. */
    INVESTIGATED("investigated"),
    /** Done with; nothing more happens to it. */
    CLOSED("closed");

    private final String wireName;

    AlertStatus(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    @Override
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static AlertStatus parse(String text) {
        return WireName.parse(AlertStatus.class, "status", "alert status", text);
    }
}
