package org.govhub.supervision;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.govhub.access.Caller;
import org.govhub.cases.CaseLibrary;
import org.govhub.cases.CaseViews;

/**
 * The complete replay of a case (办理过程的完整还原): every version received and every step it reported, the
 * process-control findings, and the alerts raised along the way with each step supervisors took on them,
 * as one timeline ordered by time. The versions come from the case library's own read (region-bound, 404
 * outside the caller's region, audited with the stated purpose, ID numbers whole for supervisors).
 */
@ApplicationScoped
public class CaseReplay {
    private final CaseLibrary library;

    public CaseReplay(CaseLibrary library) {
        this.library = library;
    }

    /** One moment of the replay. Which fields are present depends on {@code kind}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Event(Instant at, String kind, Long dataVersion, String stage, String action, String post, String actor,
            String opinion, String reason, Instant endedAt, Long lastChangedInVersion, String status, String sourceClient,
            Long alertId, String rule, String level, String field, String detail, String note) {

        static Event version(CaseViews.VersionView v) {
            return new Event(v.receivedAt(), "version", v.dataVersion(), null, null, null, null, null, null, null, null,
                    text(v.record(), "status"), v.sourceClient(), null, null, null, null,
                    v.findings().size() + " finding(s), content SM3 " + v.contentSm3(), null);
        }
    }

    public record Replay(String caseNo, long currentVersion, List<Event> timeline, List<CaseViews.VersionView> versions,
            List<AlertView> alerts) {
    }

    private static final List<String> KIND_ORDER = List.of("step", "version", "finding", "alert", "alert-step");

    @Transactional
    public Replay replay(Caller caller, String caseNo, String purpose) {
        CaseViews.VersionList list = library.versions(caller, caseNo, purpose);
        List<Event> timeline = new ArrayList<>();
        Map<String, Event> steps = new LinkedHashMap<>();
        for (CaseViews.VersionView version : list.versions()) {
            timeline.add(Event.version(version));
            for (CaseViews.FindingView finding : version.findings()) {
                timeline.add(new Event(finding.foundAt(), "finding", finding.dataVersion(), null, null, null, null, null,
                        null, null, null, null, null, null, finding.rule().wireName(), null, finding.field(),
                        finding.detail(), null));
            }
            for (JsonNode step : version.record().path("steps")) {
                Instant started = instant(step, "startedAt");
                String key = String.join("\u0000", String.valueOf(text(step, "name")), String.valueOf(text(step, "action")),
                        String.valueOf(text(step, "post")), String.valueOf(text(step, "actor")), String.valueOf(started));
                Event seen = steps.get(key);
                Event now = new Event(started, "step", seen == null ? version.dataVersion() : seen.dataVersion(),
                        text(step, "name"), text(step, "action"), text(step, "post"), text(step, "actor"),
                        text(step, "opinion"), text(step, "reason"), instant(step, "endedAt"), null, null, null, null,
                        null, null, null, null, null);
                if (seen == null) {
                    steps.put(key, now);
                } else if (!sameContent(seen, now)) {
                    steps.put(key, new Event(now.at(), "step", seen.dataVersion(), now.stage(), now.action(), now.post(),
                            now.actor(), now.opinion(), now.reason(), now.endedAt(), version.dataVersion(), null, null,
                            null, null, null, null, null, null));
                }
            }
        }
        timeline.addAll(steps.values());
        List<Alert> alerts = Alert.ofCase(list.caseNo());
        Map<Long, List<AlertStep>> alertSteps = AlertStep.ofAlerts(alerts.stream().map(a -> a.id).toList()).stream()
                .collect(Collectors.groupingBy(s -> s.alertId));
        List<AlertView> alertViews = new ArrayList<>();
        for (Alert alert : alerts) {
            List<AlertStep> taken = alertSteps.getOrDefault(alert.id, List.of());
            alertViews.add(AlertView.of(alert, taken));
            timeline.add(new Event(alert.occurredAt, "alert", null, null, null, null, null, null, null, null, null,
                    alert.status, null, alert.id, alert.rule, alert.level, null, alert.detail, null));
            for (AlertStep step : taken) {
                timeline.add(new Event(step.takenAt, "alert-step", null, null, step.action, null, step.actor, null, null,
                        null, null, step.status, null, alert.id, alert.rule, alert.level, null, null, step.note));
            }
        }
        timeline.sort(Comparator.comparing(Event::at, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(e -> KIND_ORDER.indexOf(e.kind())));
        long current = list.versions().isEmpty() ? 0 : list.versions().get(list.versions().size() - 1).dataVersion();
        return new Replay(list.caseNo(), current, timeline, list.versions(), alertViews);
    }

    private static boolean sameContent(Event a, Event b) {
        return java.util.Objects.equals(a.opinion(), b.opinion()) && java.util.Objects.equals(a.reason(), b.reason())
                && java.util.Objects.equals(a.endedAt(), b.endedAt());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant instant(JsonNode node, String field) {
        String text = text(node, field);
        return text == null ? null : Instant.parse(text);
    }
}
