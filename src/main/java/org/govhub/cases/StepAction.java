package org.govhub.cases;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a post did at one step of a case. */
public enum StepAction implements WireEnum {
    SUBMIT("submit"),
    ACCEPT("accept"),
    REVIEW("review"),
    INVESTIGATE("investigate"),
    APPROVE("approve"),
    DECIDE("decide"),
    /** 补正: the applicant is asked to complete or correct materials; needs a reason. */
    CORRECT("correct"),
    /** 暂停: the clock stops (hearing, expert review…); needs a reason. */
    SUSPEND("suspend"),
    RESUME("resume"),
    /** 退回: sent back to an earlier post; needs a reason. */
    RETURN("return"),
    /** A negative decision; needs a reason. */
    REJECT("reject"),
    NOTIFY("notify"),
    FINISH("finish"),
    OTHER("other");

    private static final StepAction[] VALUES = values();

    private final String wireName;

    StepAction(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    @Override
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static StepAction parse(String text) {
        return WireEnum.parse(VALUES, "action", "step action", text);
    }

    /** Actions that must state why (seed 003: repeated correction, return or suspension; negative opinions). */
    public boolean needsReason() {
        return this == CORRECT || this == SUSPEND || this == RETURN || this == REJECT;
    }
}
