package org.govhub.ferry;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a bundle entry carries. Only case batches are ingested so far; the others are declared for the format. */
public enum EntryKind {
    /** One accepted push batch: NDJSON, one case record per line, pushed by one client. */
    CASE_BATCH("case-batch"),
    /** A licence file with its metadata (issue 5). */
    LICENCE_FILE("licence-file"),
    /** A reviewed catalogue change (issue 3). */
    CATALOGUE_CHANGE("catalogue-change");

    private final String wireName;

    EntryKind(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static EntryKind parse(String value) {
        for (EntryKind kind : values()) {
            if (kind.wireName.equals(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown entry kind " + value);
    }
}
