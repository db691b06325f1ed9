package org.govhub.supervision;

/**
 * What {@link SupervisionAlerts#raise} did: stored a new alert, found the one already raised for the
 * same key, rule and level, or raised nothing because the region's rule set has the rule switched off.
 * {@code alertId} is null only for {@link Outcome#RULE_INACTIVE}.
 */
public record RaisedAlert(Outcome outcome, Long alertId) {

    public enum Outcome { RAISED, ALREADY_RAISED, RULE_INACTIVE }

    public boolean isNew() {
        return outcome == Outcome.RAISED;
    }
}
