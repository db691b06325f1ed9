package org.govhub.supervision;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Arrays;
import java.util.Optional;
import org.govhub.cases.CaseFinding;
import org.jboss.logging.Logger;

/**
 * Turns the process-control findings the case library stored on a version into alerts with the case, its
 * department (handling subject) and the rule. Red for what the seeds forbid outright (a penalty outside the
 * discretion baseline, accepting incomplete materials, an item outside the catalogue), yellow for what must
 * be explained (a missing reason, steps out of order, a finished case without result).
 *
 * <p>{@code too-many-corrections} is not taken from the finding: the case library counts against the
 * node setting {@code hub.cases.max-corrections}, while supervision judges the same condition against the
 * region's correction limit in the rules repository ({@link CaseSupervision}), which supervisors change.
 */
@ApplicationScoped
public class CaseFindingAlerts {
    private static final Logger LOG = Logger.getLogger(CaseFindingAlerts.class);

    private final SupervisionAlerts alerts;

    public CaseFindingAlerts(SupervisionAlerts alerts) {
        this.alerts = alerts;
    }

    @Transactional
    public void raise(String caseNo, long dataVersion) {
        for (CaseFinding finding : CaseFinding.<CaseFinding>list("caseNo = ?1 and dataVersion = ?2 order by id",
                caseNo, dataVersion)) {
            Optional<AlertRule> rule = Arrays.stream(AlertRule.values())
                    .filter(r -> r.wireName().equals(finding.rule)).findFirst();
            if (rule.isEmpty()) {
                LOG.warnf("finding rule %s of case %s has no supervision alert rule; not raised", finding.rule, caseNo);
                continue;
            }
            if (rule.get() == AlertRule.TOO_MANY_CORRECTIONS) {
                continue;
            }
            alerts.raise(AlertKey.ofCase(caseNo), level(rule.get()), finding.regionCode,
                    finding.itemCode.substring(0, 10), rule.get(),
                    finding.detail + " (" + finding.field + ", version " + finding.dataVersion + ")", finding.foundAt);
        }
    }

    static AlertLevel level(AlertRule rule) {
        return switch (rule) {
            case PENALTY_OUTSIDE_DISCRETION, MATERIALS_MISSING, UNKNOWN_ITEM -> AlertLevel.RED;
            default -> AlertLevel.YELLOW;
        };
    }
}
