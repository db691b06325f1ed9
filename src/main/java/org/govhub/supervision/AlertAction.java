package org.govhub.supervision;

import com.fasterxml.jackson.annotation.JsonValue;

/** A step in an alert's life; each is recorded with its actor, time and note. */
public enum AlertAction implements WireName {
    RAISED("raised", AlertStatus.OPEN),
    ACKNOWLEDGED("acknowledged", AlertStatus.ACKNOWLEDGED),
    INVESTIGATED("investigated", AlertStatus.INVESTIGATED),
    CLOSED("closed", AlertStatus.CLOSED);

    private final String wireName;
    private final AlertStatus leadsTo;

    AlertAction(String wireName, AlertStatus leadsTo) {
        this.wireName = wireName;
        this.leadsTo = leadsTo;
    }

    @JsonValue
    @Override
    public String wireName() {
        return wireName;
    }

    /** The status an alert has after this step. */
    public AlertStatus leadsTo() {
        return leadsTo;
    }

    /** Whether a supervisor may take this step on an alert in the given status. */
    public boolean allowedFrom(AlertStatus status) {
        return switch (this) {
            case RAISED -> false;
            case ACKNOWLEDGED -> status == AlertStatus.OPEN;
            case INVESTIGATED -> status != AlertStatus.CLOSED;
            case CLOSED -> status != AlertStatus.CLOSED;
        };
    }
}
