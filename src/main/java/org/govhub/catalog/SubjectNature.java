package org.govhub.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What kind of body handles an item (办理主体性质): seed 000 附件1. */
public enum SubjectNature implements WireNamed {
    STATUTORY_ORGAN("statutory-organ", "法定行政机关"),
    AUTHORISED_ORGANISATION("authorised-organisation", "授权组织"),
    ENTRUSTED_ORGANISATION("entrusted-organisation", "受委托组织");

    private final String wireName;
    private final String chineseName;

    SubjectNature(String wireName, String chineseName) {
        this.wireName = wireName;
        this.chineseName = chineseName;
    }

    @JsonCreator
    public static SubjectNature parse(String text) {
        return WireNamed.parse(SubjectNature.class, "nature", "subject nature", text);
    }

    @JsonValue
    @Override
    public String wireName() {
        return wireName;
    }

    public String chineseName() {
        return chineseName;
    }
}
