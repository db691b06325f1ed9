package org.govhub.supervision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.govhub.catalog.EffectiveCatalog;
import org.govhub.catalog.EffectiveItem;
import org.govhub.catalog.PowerItemCode;
import org.govhub.catalog.TimeLimit;
import org.govhub.catalog.TimeLimitUnit;
import org.govhub.common.HubClock;
import org.govhub.common.InvalidValueException;
import org.govhub.supervision.CaseTiming.Part;
import org.govhub.supervision.CaseTiming.TimedStep;
import org.govhub.supervision.DeadlineEvaluator.CaseClock;
import org.govhub.supervision.DeadlineEvaluator.Evaluation;
import org.govhub.supervision.DeadlineEvaluator.Level;
import org.govhub.supervision.WorkingDayCalendar.Interval;

/**
 * Watches every case: takes in each new version (its time facts go into the supervision view, its
 * deadline and correction count are judged under the region's current rule set, and the cards it has
 * reached are raised), and re-judges open cases as time passes ({@link #evaluateOpen}).
 */
@ApplicationScoped
public class CaseSupervision {
    static final int MAX_PART_NAME = 100;

    private final WorkingDayCalendar calendar;
    private final DeadlineEvaluator evaluator;
    private final SupervisionRules rules;
    private final SupervisionAlerts alerts;
    private final EffectiveCatalog catalog;
    private final HubClock clock;
    private final ObjectMapper json;
    private final PartBuckets buckets;

    public CaseSupervision(WorkingDayCalendar calendar, DeadlineEvaluator evaluator, SupervisionRules rules,
            SupervisionAlerts alerts, EffectiveCatalog catalog, HubClock clock, ObjectMapper json, PartBuckets buckets) {
        this.buckets = buckets;
        this.calendar = calendar;
        this.evaluator = evaluator;
        this.rules = rules;
        this.alerts = alerts;
        this.catalog = catalog;
        this.clock = clock;
        this.json = json;
    }

    /**
     * Takes in one version. A version older than the one already taken in changes nothing (the feed may
     * deliver versions of a case out of their dataVersion order when platforms re-push).
     */
    @Transactional
    public void take(CaseSnapshot snapshot) {
        takeAll(List.of(snapshot));
    }

    /**
     * Takes in versions in order, as one evaluation: each region's rule set is read once for all of them.
     * The statistics buckets they touch are recomputed once, at the end: a bucket can hold thousands of
     * rows, so recomputing it for every version of a page made following the feed quadratic.
     */
    @Transactional
    public void takeAll(List<CaseSnapshot> snapshots) {
        Set<PartBuckets.Key> touched = new LinkedHashSet<>();
        Map<String, RuleSet> ruleSets = new HashMap<>();
        for (CaseSnapshot snapshot : snapshots) {
            takeOne(snapshot, ruleSets.computeIfAbsent(snapshot.regionCode(), rules::forRegion), touched);
        }
        buckets.recompute(touched);
    }

    private void takeOne(CaseSnapshot snapshot, RuleSet ruleSet, Set<PartBuckets.Key> touched) {
        SupervisedCase row = SupervisedCase.findById(snapshot.caseNo());
        if (row != null && row.dataVersion > snapshot.dataVersion()) {
            return;
        }
        boolean created = row == null;
        if (created) {
            row = new SupervisedCase();
            row.caseNo = snapshot.caseNo();
        }
        List<Interval> pauses = CaseTiming.pauses(snapshot.steps());
        Instant finishedAt = snapshot.finishedAt() != null && snapshot.finishedAt().isBefore(snapshot.acceptedAt())
                ? snapshot.acceptedAt() : snapshot.finishedAt();
        OptionalDouble promised = promise(snapshot);

        row.dataVersion = snapshot.dataVersion();
        row.itemCode = snapshot.itemCode();
        row.department = snapshot.department();
        row.regionCode = snapshot.regionCode();
        row.status = snapshot.status() == null ? "unknown" : snapshot.status();
        row.acceptedAt = micros(snapshot.acceptedAt());
        row.finishedAt = micros(finishedAt);
        row.promisedWorkingDays = promised.isPresent() ? promised.getAsDouble() : null;
        row.handlingWorkingDays = finishedAt == null ? null
                : calendar.workingDaysBetween(snapshot.acceptedAt(), finishedAt, pauses);
        row.correctionCount = CaseTiming.corrections(snapshot.steps());
        row.pauses = writePauses(pauses);
        row.dueAt = null;
        row.onTime = null;
        row.deadlineLevel = Level.NONE.name().toLowerCase(Locale.ROOT);
        if (promised.isPresent()) {
            CaseClock caseClock = new CaseClock(snapshot.acceptedAt(), promised.getAsDouble(), pauses, finishedAt);
            Evaluation evaluation = evaluator.evaluate(caseClock, ruleSet.yellowSharePercent(), clock.instant());
            row.dueAt = micros(evaluation.redFrom());
            row.onTime = finishedAt == null ? null
                    : evaluation.redFrom() == null || !finishedAt.isAfter(evaluation.redFrom());
            raiseDeadline(row, caseClock, evaluation, ruleSet);
        }
        row.updatedAt = micros(clock.instant());
        if (created) {
            row.persist();
        }
        writeParts(row, created, snapshot.steps(), pauses, touched);
        raiseCorrections(row, snapshot.steps(), ruleSet);
        raiseUnknownItem(row);
    }

    /**
     * The {@code unknown-item} rule: a case of an item that is not in the effective catalogue when supervision
     * takes the version in (cancelled, merged or split away since the case was accepted, or never
     * approved). Red, like every case of a power outside the published list.
     */
    private void raiseUnknownItem(SupervisedCase row) {
        if (inCatalogue(row.itemCode)) {
            return;
        }
        alerts.raise(AlertKey.ofCase(row.caseNo), AlertLevel.RED, row.regionCode, row.department,
                AlertRule.UNKNOWN_ITEM, "power item " + row.itemCode + " of version " + row.dataVersion
                        + " is not in the effective catalogue: unknown, not yet approved, or cancelled");
    }

    private boolean inCatalogue(String itemCode) {
        try {
            return catalog.find(PowerItemCode.parse(itemCode)).isPresent();
        } catch (InvalidValueException e) {
            return false;
        }
    }

    /** Re-judges an open case against the clock and the current rule set; raises the cards it has reached. */
    @Transactional
    public Level evaluateOpen(SupervisedCase row, RuleSet ruleSet) {
        if (row.promisedWorkingDays == null || row.finishedAt != null) {
            return Level.NONE;
        }
        CaseClock caseClock = new CaseClock(row.acceptedAt, row.promisedWorkingDays, readPauses(row.pauses), null);
        Evaluation evaluation = evaluator.evaluate(caseClock, ruleSet.yellowSharePercent(), clock.instant());
        SupervisedCase managed = SupervisedCase.getEntityManager().contains(row) ? row : SupervisedCase.findById(row.caseNo);
        raiseDeadline(managed, caseClock, evaluation, ruleSet);
        return evaluation.level();
    }

    private void raiseDeadline(SupervisedCase row, CaseClock caseClock, Evaluation evaluation, RuleSet ruleSet) {
        row.deadlineLevel = evaluation.level().name().toLowerCase(Locale.ROOT);
        if (evaluation.level() == Level.NONE) {
            return;
        }
        AlertKey key = AlertKey.ofCase(row.caseNo);
        String promised = String.format(Locale.ROOT, "%.2f", caseClock.promisedWorkingDays());
        alerts.raise(key, AlertLevel.YELLOW, row.regionCode, row.department, AlertRule.DEADLINE,
                "yellow card: " + ruleSet.yellowSharePercent() + " % of the promised " + promised
                        + " working days used at " + evaluation.yellowFrom() + " (accepted " + caseClock.acceptedAt() + ")",
                evaluation.yellowFrom());
        if (evaluation.level() == Level.RED) {
            alerts.raise(key, AlertLevel.RED, row.regionCode, row.department, AlertRule.DEADLINE,
                    "red card: the promised " + promised + " working days ran out at " + evaluation.redFrom()
                            + (row.finishedAt == null ? "; the case is still open"
                                    : "; finished at " + row.finishedAt + String.format(Locale.ROOT,
                                            " after %.2f working days", row.handlingWorkingDays)),
                    evaluation.redFrom());
        }
    }

    private void raiseCorrections(SupervisedCase row, List<TimedStep> steps, RuleSet ruleSet) {
        if (row.correctionCount <= ruleSet.correctionLimit()) {
            return;
        }
        List<TimedStep> corrections = CaseTiming.ordered(steps).stream()
                .filter(s -> CaseTiming.CORRECT.equals(s.action())).toList();
        Instant occurred = corrections.size() > ruleSet.correctionLimit()
                ? corrections.get(ruleSet.correctionLimit()).startedAt() : clock.instant();
        alerts.raise(AlertKey.ofCase(row.caseNo), AlertLevel.YELLOW, row.regionCode, row.department,
                AlertRule.TOO_MANY_CORRECTIONS, row.correctionCount + " corrections (补正), more than the limit of "
                        + ruleSet.correctionLimit() + " of rule set " + scopeName(ruleSet) + " v" + ruleSet.version(),
                occurred);
    }

    /**
     * Brings the case's stage and post rows in line with this version (updated in place, added, removed) and
     * adds the statistics buckets they were and are in to {@code touched}.
     */
    private void writeParts(SupervisedCase row, boolean created, List<TimedStep> steps, List<Interval> pauses,
            Set<PartBuckets.Key> touched) {
        Map<String, CasePart> existing = new HashMap<>();
        // A case supervision has not seen before has no parts yet: most versions a page brings are such cases.
        for (CasePart part : created ? List.<CasePart>of() : CasePart.<CasePart>list("caseNo", row.caseNo)) {
            existing.put(part.kind + "\u0000" + part.name, part);
            touched.add(PartBuckets.Key.of(part));
        }
        writeParts(row, "stage", CaseTiming.byStage(calendar, steps, pauses), existing, touched);
        writeParts(row, "post", CaseTiming.byPost(calendar, steps, pauses), existing, touched);
        existing.values().forEach(CasePart::delete);
    }

    private static void writeParts(SupervisedCase row, String kind, Map<String, Part> parts, Map<String, CasePart> existing,
            Set<PartBuckets.Key> touched) {
        Set<String> written = new HashSet<>();
        for (Map.Entry<String, Part> entry : parts.entrySet()) {
            String name = entry.getKey().length() > MAX_PART_NAME ? entry.getKey().substring(0, MAX_PART_NAME) : entry.getKey();
            if (!written.add(name)) {
                continue;
            }
            CasePart part = existing.remove(kind + "\u0000" + name);
            boolean created = part == null;
            if (created) {
                part = new CasePart();
                part.caseNo = row.caseNo;
                part.kind = kind;
                part.name = name;
            }
            part.workingDays = entry.getValue().completedStep() ? entry.getValue().workingDays() : null;
            part.corrected = entry.getValue().corrected();
            part.regionCode = row.regionCode;
            part.acceptedAt = row.acceptedAt;
            part.finishedAt = row.finishedAt;
            part.onTime = row.onTime;
            part.dueAt = row.dueAt;
            touched.add(PartBuckets.Key.of(part));
            if (created) {
                part.persist();
            }
        }
    }

    /** The promise the version states, else the catalogue's promised time limit for the item. */
    private OptionalDouble promise(CaseSnapshot snapshot) {
        Integer catalogueDays = null;
        boolean calendarDays = false;
        if (snapshot.promisedWorkingDays() == null && snapshot.promisedDeadline() == null) {
            Optional<TimeLimit> limit = catalogueLimit(snapshot.itemCode());
            if (limit.isPresent()) {
                catalogueDays = limit.get().value();
                calendarDays = limit.get().unit() == TimeLimitUnit.CALENDAR_DAYS;
            }
        }
        return CaseTiming.promisedWorkingDays(calendar, snapshot.acceptedAt(), snapshot.promisedWorkingDays(),
                snapshot.promisedDeadline(), catalogueDays, calendarDays);
    }

    private Optional<TimeLimit> catalogueLimit(String itemCode) {
        try {
            return catalog.find(PowerItemCode.parse(itemCode)).map(EffectiveItem::promisedTimeLimit)
                    .filter(limit -> limit.value() != null);
        } catch (InvalidValueException e) {
            return Optional.empty();
        }
    }

    static String scopeName(RuleSet ruleSet) {
        return ruleSet.regionPrefix().isEmpty() ? "baseline" : ruleSet.regionPrefix();
    }

    private static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    private String writePauses(List<Interval> pauses) {
        List<List<String>> pairs = new ArrayList<>();
        for (Interval pause : pauses) {
            pairs.add(Arrays.asList(pause.start().toString(), pause.end() == null ? null : pause.end().toString()));
        }
        try {
            return json.writeValueAsString(pairs);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    List<Interval> readPauses(String text) {
        String[][] pairs;
        try {
            pairs = json.readValue(text, String[][].class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored pauses are not JSON: " + text, e);
        }
        List<Interval> pauses = new ArrayList<>();
        for (String[] pair : pairs) {
            pauses.add(new Interval(Instant.parse(pair[0]), pair[1] == null ? null : Instant.parse(pair[1])));
        }
        return pauses;
    }
}
