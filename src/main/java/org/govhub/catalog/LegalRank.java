package org.govhub.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.EnumSet;
import java.util.Set;

/**
 * The rank (位阶) of a legal basis under the Legislation Law (立法法). The order is partial:
 * local regulations and department rules are not ranked against each other, and department rules
 * have the same effect as local government rules; {@link #outranks} says only what the law says.
 */
public enum LegalRank implements WireNamed {
    LAW("law", "法律"),
    ADMINISTRATIVE_REGULATION("administrative-regulation", "行政法规"),
    LOCAL_REGULATION("local-regulation", "地方性法规"),
    DEPARTMENT_RULE("department-rule", "部门规章"),
    LOCAL_GOVERNMENT_RULE("local-government-rule", "地方政府规章"),
    NORMATIVE_DOCUMENT("normative-document", "规范性文件");

    private final String wireName;
    private final String chineseName;

    LegalRank(String wireName, String chineseName) {
        this.wireName = wireName;
        this.chineseName = chineseName;
    }

    @JsonCreator
    public static LegalRank parse(String text) {
        return WireNamed.parse(LegalRank.class, "rank", "legal rank", text);
    }

    @JsonValue
    @Override
    public String wireName() {
        return wireName;
    }

    public String chineseName() {
        return chineseName;
    }

    /** True when this rank is strictly higher than the other one. */
    public boolean outranks(LegalRank other) {
        return below().contains(other);
    }

    private Set<LegalRank> below() {
        return switch (this) {
            case LAW -> EnumSet.complementOf(EnumSet.of(LAW));
            case ADMINISTRATIVE_REGULATION -> EnumSet.of(LOCAL_REGULATION, DEPARTMENT_RULE, LOCAL_GOVERNMENT_RULE,
                    NORMATIVE_DOCUMENT);
            case LOCAL_REGULATION -> EnumSet.of(LOCAL_GOVERNMENT_RULE, NORMATIVE_DOCUMENT);
            case DEPARTMENT_RULE, LOCAL_GOVERNMENT_RULE -> EnumSet.of(NORMATIVE_DOCUMENT);
            case NORMATIVE_DOCUMENT -> EnumSet.noneOf(LegalRank.class);
        };
    }
}
