package org.govhub.supervision;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.govhub.common.HubConfig;
import org.govhub.supervision.DeadlineEvaluator.Level;
import org.jboss.logging.Logger;

/**
 * The scheduled recompute: judges every open case with a promise that is not yet red against the clock
 * and the rule set in force, so cards appear as time passes even when no new version arrives. Idempotent
 * (an alert exists once per case and level), in pages of one transaction each, walking case numbers so a
 * crash or restart only repeats one page.
 */
@ApplicationScoped
public class DeadlineScan {
    private static final Logger LOG = Logger.getLogger(DeadlineScan.class);

    private final CaseSupervision supervision;
    private final SupervisionRules rules;
    private final int page;

    public DeadlineScan(CaseSupervision supervision, SupervisionRules rules, HubConfig config) {
        this.supervision = supervision;
        this.rules = rules;
        this.page = config.supervision().deadlineScanPage();
    }

    /** What one scan did: open cases judged, and how many stand at yellow and red now. */
    public record ScanResult(int judged, int yellow, int red) {
    }

    @Scheduled(every = "{hub.supervision.deadline-scan-every}", identity = "supervision-deadline-scan",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        ScanResult result = scan();
        if (result.yellow() + result.red() > 0) {
            LOG.infof("deadline scan: %d open cases judged, %d yellow, %d red", result.judged(), result.yellow(), result.red());
        }
    }

    public ScanResult scan() {
        int judged = 0;
        int yellow = 0;
        int red = 0;
        String after = "";
        while (true) {
            String from = after;
            Page done = QuarkusTransaction.requiringNew().call(() -> scanPage(from));
            judged += done.judged();
            yellow += done.yellow();
            red += done.red();
            if (done.last() == null) {
                return new ScanResult(judged, yellow, red);
            }
            after = done.last();
        }
    }

    private record Page(int judged, int yellow, int red, String last) {
    }

    private Page scanPage(String after) {
        List<SupervisedCase> open = SupervisedCase.openAfter(after, page);
        Map<String, RuleSet> ruleSets = new HashMap<>();
        int yellow = 0;
        int red = 0;
        for (SupervisedCase row : open) {
            RuleSet ruleSet = ruleSets.computeIfAbsent(row.regionCode, rules::forRegion);
            Level level = supervision.evaluateOpen(row, ruleSet);
            yellow += level == Level.YELLOW ? 1 : 0;
            red += level == Level.RED ? 1 : 0;
        }
        return new Page(open.size(), yellow, red, open.size() < page ? null : open.get(open.size() - 1).caseNo);
    }
}
