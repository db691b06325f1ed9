package org.govhub.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Which of the three lists (三张清单) a change request touches. */
public enum RecordKind implements WireNamed {
    /** The power-item catalogue (权力清单). */
    ITEM("item"),
    /** The responsibility list (责任清单). */
    RESPONSIBILITY("responsibility"),
    /** The special-fund management list (财政专项资金管理清单). */
    SPECIAL_FUND("special-fund");

    private final String wireName;

    RecordKind(String wireName) {
        this.wireName = wireName;
    }

    @JsonCreator
    public static RecordKind parse(String text) {
        return WireNamed.parse(RecordKind.class, "record", "record", text);
    }

    @JsonValue
    @Override
    public String wireName() {
        return wireName;
    }
}
