package org.govhub.supervision;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The supervision rules that apply to a region, as read from the rules repository at the moment of
 * use: where they come from ({@code regionPrefix}, '' for the baseline, and {@code version}), the
 * share of the promised time at which a yellow card shows, the most corrections tolerated, and which
 * alert rules are active.
 */
public record RuleSet(String regionPrefix, int version, int yellowSharePercent, int correctionLimit,
        List<AlertRule> activeRules, List<AlertRule> inactiveRules, String note, String changedBy, Instant changedAt) {

    public boolean isActive(AlertRule rule) {
        return !inactiveRules.contains(rule);
    }

    static RuleSet of(RuleSetRecord row) {
        Set<AlertRule> inactive = parseRules(row.inactiveRules);
        Set<AlertRule> active = EnumSet.allOf(AlertRule.class);
        active.removeAll(inactive);
        return new RuleSet(row.regionPrefix, row.version, row.yellowSharePercent, row.correctionLimit,
                List.copyOf(active), List.copyOf(inactive), row.note, row.changedBy, row.changedAt);
    }

    /** Stored names of rules this hub no longer knows are skipped rather than failing every evaluation. */
    static Set<AlertRule> parseRules(String commaSeparated) {
        Set<AlertRule> rules = EnumSet.noneOf(AlertRule.class);
        Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .forEach(name -> Arrays.stream(AlertRule.values()).filter(r -> r.wireName().equals(name))
                        .findFirst().ifPresent(rules::add));
        return rules;
    }
}
