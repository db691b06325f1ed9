package org.govhub.cases;

import com.fasterxml.jackson.annotation.JsonValue;

/** The process controls of seed 003 §四(三) that a stored case can break; each breach is a finding. */
public enum FindingRule implements WireEnum {
    /** The case is finished but carries no result. */
    FINISHED_WITHOUT_RESULT("finished-without-result"),
    /** A correction, suspension, return or rejection states no reason. */
    MISSING_REASON("missing-reason"),
    /** More corrections (补正) than {@code hub.cases.max-corrections}. */
    TOO_MANY_CORRECTIONS("too-many-corrections"),
    /** A penalty kind or amount outside the item's discretion baseline. */
    PENALTY_OUTSIDE_DISCRETION("penalty-outside-discretion"),
    /** A step that ends before it starts, starts before the previous one, or precedes acceptance. */
    STEPS_OUT_OF_ORDER("steps-out-of-order"),
    /** Accepted although a required material was not submitted. */
    MATERIALS_MISSING("materials-missing");

    private static final FindingRule[] VALUES = values();

    private final String wireName;

    FindingRule(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    @Override
    public String wireName() {
        return wireName;
    }

    public static FindingRule parse(String text) {
        return WireEnum.parse(VALUES, "rule", "finding rule", text);
    }
}
