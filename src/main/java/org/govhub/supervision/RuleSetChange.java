package org.govhub.supervision;

import java.util.List;

/**
 * A supervisor's new version of a region's rule set. {@code basedOnVersion}, when given, must be the
 * scope's current version (409 otherwise), so two supervisors cannot overwrite each other unseen.
 */
public record RuleSetChange(Integer yellowSharePercent, Integer correctionLimit, List<String> inactiveRules,
        String note, Integer basedOnVersion) {
}
