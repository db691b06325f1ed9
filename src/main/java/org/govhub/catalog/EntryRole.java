package org.govhub.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a record takes part in a change: it is replaced or ended (source) or it is what the change makes (target). */
public enum EntryRole implements WireNamed {
    SOURCE("source"),
    TARGET("target");

    private final String wireName;

    EntryRole(String wireName) {
        this.wireName = wireName;
    }

    @JsonCreator
    public static EntryRole parse(String text) {
        return WireNamed.parse(EntryRole.class, "role", "role", text);
    }

    @JsonValue
    @Override
    public String wireName() {
        return wireName;
    }
}
