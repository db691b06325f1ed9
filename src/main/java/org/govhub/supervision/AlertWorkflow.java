package org.govhub.supervision;

import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.govhub.access.Caller;
import org.govhub.audit.AuditEntry;
import org.govhub.audit.AuditLog;
import org.govhub.common.HubClock;
import org.govhub.common.HubConfig;
import org.govhub.common.QueryParams;
import org.govhub.common.problem.ProblemException;

/**
 * What supervisors do with alerts (对报警信息及时进行调查核实): list them, acknowledge, record an
 * investigation with a note, close. Every step is stored with its actor, time and note, and written
 * into the audit trail in the same transaction. Alerts outside the caller's region do not exist for it
 * on reads (404) and are forbidden on writes (403).
 */
@ApplicationScoped
public class AlertWorkflow {
    static final int DEFAULT_PAGE = 100;
    static final int MAX_NOTE = 2000;

    private final AuditLog audit;
    private final HubClock clock;
    private final int maxPage;

    public AlertWorkflow(AuditLog audit, HubClock clock, HubConfig config) {
        this.audit = audit;
        this.clock = clock;
        this.maxPage = config.supervision().maxPageSize();
    }

    /** A page of alerts, newest first; {@code nextBefore} continues the list. */
    public record AlertList(List<AlertView> alerts, Long nextBefore) {
    }

    /** Filters as the query string gives them; blank means no filter. */
    public record AlertFilter(String level, String region, String department, String status, String rule,
            String caseNo, String before, String limit) {
    }

    @Transactional
    public AlertList list(Caller caller, AlertFilter filter) {
        StringBuilder query = new StringBuilder("regionCode like :region");
        Parameters params = Parameters.with("region", RegionFilter.of(caller, filter.region()) + "%");
        if (present(filter.level())) {
            query.append(" and level = :level");
            params.and("level", AlertLevel.parse(filter.level()).wireName());
        }
        if (present(filter.status())) {
            query.append(" and status = :status");
            params.and("status", AlertStatus.parse(filter.status()).wireName());
        }
        if (present(filter.rule())) {
            query.append(" and rule = :rule");
            params.and("rule", AlertRule.parse(filter.rule()).wireName());
        }
        if (present(filter.department())) {
            String department = filter.department();
            if (department.matches("[0-9]{8}[A-Z]{2}")) {
                query.append(" and department = :department");
                params.and("department", department);
            } else if (department.matches("[A-Z]{2}")) {
                query.append(" and department like :department");
                params.and("department", "________" + department);
            } else {
                throw ProblemException.invalidField("department", "must be a handling subject code (33030300AJ) or a"
                        + " department code of two capital letters (AJ)");
            }
        }
        if (present(filter.caseNo())) {
            query.append(" and caseNo = :caseNo");
            params.and("caseNo", filter.caseNo());
        }
        if (present(filter.before())) {
            query.append(" and id < :before");
            params.and("before", QueryParams.longValue("before", filter.before()));
        }
        int limit = DEFAULT_PAGE;
        if (present(filter.limit())) {
            limit = QueryParams.intValue("limit", filter.limit());
            if (limit < 1 || limit > maxPage) {
                throw ProblemException.invalidField("limit", "must be from 1 to " + maxPage);
            }
        }
        List<Alert> found = Alert.<Alert>find(query + " order by id desc", params).page(0, limit + 1).list();
        Long next = null;
        if (found.size() > limit) {
            found = found.subList(0, limit);
            next = found.get(limit - 1).id;
        }
        return new AlertList(found.stream().map(alert -> AlertView.of(alert, null)).toList(), next);
    }

    @Transactional
    public AlertView get(Caller caller, String idText) {
        Alert alert = find(idText, LockModeType.NONE);
        if (alert == null || !caller.covers(alert.regionCode)) {
            throw ProblemException.notFound("no alert " + idText + " in this client's region");
        }
        return AlertView.of(alert, AlertStep.ofAlert(alert.id));
    }

    /** Takes one workflow step on an alert; a step its status does not allow is 409. */
    @Transactional
    public AlertView step(Caller caller, String idText, AlertAction action, String note) {
        if (action == AlertAction.RAISED) {
            throw new IllegalArgumentException("alerts are raised through SupervisionAlerts, not by supervisors");
        }
        Alert alert = find(idText, LockModeType.PESSIMISTIC_WRITE);
        if (alert == null) {
            throw ProblemException.notFound("no alert " + idText);
        }
        caller.requireCovers(alert.regionCode, "alert of region");
        String text = note == null || note.isBlank() ? null : note.strip();
        if (action == AlertAction.INVESTIGATED && text == null) {
            throw ProblemException.invalidField("note", "an investigation needs a note saying what was found");
        }
        if (text != null && text.length() > MAX_NOTE) {
            throw ProblemException.invalidField("note", "must be at most " + MAX_NOTE + " characters");
        }
        AlertStatus status = AlertStatus.parse(alert.status);
        if (!action.allowedFrom(status)) {
            throw ProblemException.conflict("alert " + alert.id + " is " + status.wireName() + "; it cannot be "
                    + action.wireName() + " now");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        alert.status = action.leadsTo().wireName();
        alert.statusAt = now;
        AlertStep step = new AlertStep();
        step.alertId = alert.id;
        step.action = action.wireName();
        step.status = alert.status;
        step.actor = caller.clientId();
        step.note = text;
        step.takenAt = now;
        step.persist();
        audit.record(AuditEntry.of("supervision.alert." + action.wireName(), "supervision-alert",
                Long.toString(alert.id), "ok"));
        return AlertView.of(alert, AlertStep.ofAlert(alert.id));
    }

    private static Alert find(String idText, LockModeType lock) {
        long id;
        try {
            id = Long.parseLong(idText);
        } catch (NumberFormatException e) {
            return null;
        }
        return Alert.findById(id, lock);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
