package org.govhub.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a time limit counts: working days (工作日) or calendar days (自然日). */
public enum TimeLimitUnit implements WireNamed {
    WORKING_DAYS("working-days"),
    CALENDAR_DAYS("calendar-days");

    private final String wireName;

    TimeLimitUnit(String wireName) {
        this.wireName = wireName;
    }

    @JsonCreator
    public static TimeLimitUnit parse(String text) {
        return WireNamed.parse(TimeLimitUnit.class, "unit", "time limit unit", text);
    }

    @JsonValue
    @Override
    public String wireName() {
        return wireName;
    }
}
