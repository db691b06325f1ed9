package org.govhub.supervision;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Why an alert was raised. Each rule can be switched off per region in the rules repository. The
 * case rules mirror the process controls of seed 003 §四(三) that the case library records as findings.
 */
public enum AlertRule implements WireName {
    /** The promised time limit (承诺时限): yellow at the rule set's share of it, red once exceeded. */
    DEADLINE("deadline"),
    /** A finished case without a result. */
    FINISHED_WITHOUT_RESULT("finished-without-result"),
    /** A correction, suspension, return or rejection without a stated reason. */
    MISSING_REASON("missing-reason"),
    /** More corrections (补正) than the rule set's correction limit. */
    TOO_MANY_CORRECTIONS("too-many-corrections"),
    /** A penalty kind or amount outside the item's discretion baseline (自由裁量基准). */
    PENALTY_OUTSIDE_DISCRETION("penalty-outside-discretion"),
    /** Steps out of time order. */
    STEPS_OUT_OF_ORDER("steps-out-of-order"),
    /** Accepted although required materials were missing (材料不全). */
    MATERIALS_MISSING("materials-missing"),
    /** A case of an item that is not (or no longer) in the effective catalogue. */
    UNKNOWN_ITEM("unknown-item"),
    /** A ferry bundle failed its checks and was quarantined (网闸摆渡隔离). */
    FERRY_QUARANTINE("ferry-quarantine"),
    /** A ferry lane holds later bundles because one in its sequence is missing. */
    FERRY_SEQUENCE_GAP("ferry-sequence-gap"),
    /** A platform or downstream hub silent for longer than the reporting period (24-hour rule). */
    FRESHNESS("freshness");

    private final String wireName;

    AlertRule(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    @Override
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static AlertRule parse(String text) {
        return WireName.parse(AlertRule.class, "rule", "alert rule", text);
    }
}
