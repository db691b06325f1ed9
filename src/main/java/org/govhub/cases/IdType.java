package org.govhub.cases;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The kind of identity document an applicant's number belongs to. */
public enum IdType implements WireEnum {
    /** 居民身份证: 18 characters, 17 digits and a check digit or X. */
    RESIDENT_ID("resident-id"),
    /** 统一社会信用代码 of an organisation: 18 characters. */
    CREDIT_CODE("credit-code"),
    PASSPORT("passport"),
    /** 军官证. */
    OFFICER_CARD("officer-card"),
    OTHER("other");

    private static final IdType[] VALUES = values();

    private final String wireName;

    IdType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    @Override
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static IdType parse(String text) {
        return WireEnum.parse(VALUES, "idType", "id type", text);
    }
}
