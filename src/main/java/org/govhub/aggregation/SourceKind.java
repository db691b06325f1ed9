package org.govhub.aggregation;

import com.fasterxml.jackson.annotation.JsonValue;

/** Who reports to this node: a platform client pushing to it, or a downstream hub whose feed it pulls. */
public enum SourceKind {
    PLATFORM("platform"),
    DOWNSTREAM("downstream");

    private final String wireName;

    SourceKind(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    static SourceKind parse(String wireName) {
        for (SourceKind kind : values()) {
            if (kind.wireName.equals(wireName)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown source kind " + wireName);
    }
}
