package org.govhub.supervision;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.govhub.cases.CaseFinding;
import org.govhub.cases.FeedEntry;
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

    /** Most case numbers bound into one query: well below the drivers' limits on bind parameters. */
    static final int CASES_PER_QUERY = 1000;

    /** Raises the findings stored on these versions, version by version in the order given (one query per 1,000). */
    @Transactional
    public void raise(List<FeedEntry> versions) {
        for (int from = 0; from < versions.size(); from += CASES_PER_QUERY) {
            raiseChunk(versions.subList(from, Math.min(versions.size(), from + CASES_PER_QUERY)));
        }
    }

    private void raiseChunk(List<FeedEntry> versions) {
        Set<String> caseNos = versions.stream().map(FeedEntry::caseNo).collect(Collectors.toSet());
        Map<String, List<CaseFinding>> byVersion = new HashMap<>();
        for (CaseFinding finding : CaseFinding.<CaseFinding>list("caseNo in ?1 order by id", caseNos)) {
            byVersion.computeIfAbsent(finding.caseNo + "@" + finding.dataVersion, k -> new ArrayList<>()).add(finding);
        }
        for (FeedEntry version : versions) {
            byVersion.getOrDefault(version.caseNo() + "@" + version.dataVersion(), List.of()).forEach(this::raise);
        }
    }

    private void raise(CaseFinding finding) {
        Optional<AlertRule> rule = Arrays.stream(AlertRule.values())
                .filter(r -> r.wireName().equals(finding.rule)).findFirst();
        if (rule.isEmpty()) {
            LOG.warnf("finding rule %s of case %s has no supervision alert rule; not raised", finding.rule, finding.caseNo);
            return;
        }
        if (rule.get() == AlertRule.TOO_MANY_CORRECTIONS) {
            return;
        }
        alerts.raise(AlertKey.ofCase(finding.caseNo), level(rule.get()), finding.regionCode,
                finding.itemCode.substring(0, 10), rule.get(),
                finding.detail + " (" + finding.field + ", version " + finding.dataVersion + ")", finding.foundAt);
    }

    static AlertLevel level(AlertRule rule) {
        return switch (rule) {
            case PENALTY_OUTSIDE_DISCRETION, MATERIALS_MISSING, UNKNOWN_ITEM -> AlertLevel.RED;
            default -> AlertLevel.YELLOW;
        };
    }
}
