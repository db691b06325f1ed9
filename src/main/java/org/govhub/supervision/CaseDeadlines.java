package org.govhub.supervision;

import jakarta.enterprise.context.ApplicationScoped;
import org.govhub.common.HubClock;
import org.govhub.supervision.DeadlineEvaluator.CaseClock;
import org.govhub.supervision.DeadlineEvaluator.Evaluation;

/**
 * Deadline evaluation with the rule set in force: the yellow share is read from the rules repository at
 * every call, the instant from the hub clock.
 */
@ApplicationScoped
public class CaseDeadlines {
    private final DeadlineEvaluator evaluator;
    private final SupervisionRules rules;
    private final HubClock clock;

    public CaseDeadlines(DeadlineEvaluator evaluator, SupervisionRules rules, HubClock clock) {
        this.evaluator = evaluator;
        this.rules = rules;
        this.clock = clock;
    }

    /** Where a case of the region stands now, under the region's current rule set. */
    public Evaluation evaluate(String regionCode, CaseClock caseClock) {
        return evaluate(rules.forRegion(regionCode), caseClock);
    }

    public Evaluation evaluate(RuleSet ruleSet, CaseClock caseClock) {
        return evaluator.evaluate(caseClock, ruleSet.yellowSharePercent(), clock.instant());
    }
}
