package org.govhub.supervision;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The card an alert shows (红、黄牌报警): yellow warns, red means a limit or a rule was broken. */
public enum AlertLevel implements WireName {
    YELLOW("yellow"),
    RED("red");

    private final String wireName;

    AlertLevel(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    @Override
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static AlertLevel parse(String text) {
        return WireName.parse(AlertLevel.class, "level", "alert level", text);
    }
}
