package org.govhub.cases;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where a case stands at the source platform. */
public enum CaseStatus implements WireEnum {
    ACCEPTED("accepted"),
    HANDLING("handling"),
    CORRECTING("correcting"),
    SUSPENDED("suspended"),
    RETURNED("returned"),
    REJECTED("rejected"),
    FINISHED("finished"),
    WITHDRAWN("withdrawn");

    private static final CaseStatus[] VALUES = values();

    private final String wireName;

    CaseStatus(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    @Override
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static CaseStatus parse(String text) {
        return WireEnum.parse(VALUES, "status", "status", text);
    }
}
