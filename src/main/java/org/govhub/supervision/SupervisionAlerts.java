package org.govhub.supervision;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.govhub.common.HubClock;
import org.govhub.common.HubConfig;
import org.govhub.common.InvalidValueException;
import org.govhub.common.RegionCode;
import org.hibernate.query.NativeQuery;

/**
 * The one way to raise a supervision alert (红、黄牌报警), for every capability: the case deadlines and
 * findings here, ferry quarantines and sequence gaps, reporting freshness.
 *
 * <pre>{@code
 * @Inject SupervisionAlerts alerts;
 * alerts.raise(AlertKey.of("ferry-bundle", bundleId), AlertLevel.RED, config.regionCode(), null,
 *         AlertRule.FERRY_QUARANTINE, "manifest signature does not verify");
 * }</pre>
 *
 * <p>Idempotent: at most one alert exists per key, rule and level, so raising the same condition again
 * (a retry, a second scan, a re-pushed case) returns the existing alert and changes nothing. A rule
 * switched off in the rule set applying to the region raises nothing. The call joins the caller's
 * transaction when there is one, so the alert commits or rolls back with the change that caused it,
 * and opens its own otherwise.
 */
@ApplicationScoped
public class SupervisionAlerts {
    static final int MAX_DETAIL = 2000;

    private final EntityManager em;
    private final SupervisionRules rules;
    private final HubClock clock;
    private final String nodeActor;

    public SupervisionAlerts(EntityManager em, SupervisionRules rules, HubClock clock, HubConfig config) {
        this.em = em;
        this.rules = rules;
        this.clock = clock;
        this.nodeActor = "node:" + config.nodeId();
    }

    /** Raises the alert as of now (the hub clock). */
    @Transactional
    public RaisedAlert raise(AlertKey key, AlertLevel level, String regionCode, String department, AlertRule rule,
            String detail) {
        return raise(key, level, regionCode, department, rule, detail, clock.instant());
    }

    /**
     * Raises the alert, stating when its condition arose (e.g. the instant a promised time ran out).
     *
     * @param regionCode 6-digit region code the subject belongs to; decides who sees the alert and which
     *                   rule set applies
     * @param department handling subject code (10 characters, e.g. 33030300AJ), or null when the subject
     *                   has no department
     * @param detail     what happened, for the supervisor; longer than 2,000 characters is cut
     */
    @Transactional
    public RaisedAlert raise(AlertKey key, AlertLevel level, String regionCode, String department, AlertRule rule,
            String detail, Instant occurredAt) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(occurredAt, "occurredAt");
        String region = RegionCode.parse(regionCode).value();
        if (department != null && !department.matches("[0-9A-Z]{2,10}")) {
            throw new InvalidValueException("department", "department " + department
                    + " must be a handling subject code such as 33030300AJ");
        }
        RuleSet applying = rules.forRegion(region);
        if (!applying.isActive(rule)) {
            return new RaisedAlert(RaisedAlert.Outcome.RULE_INACTIVE, null);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String text = detail == null || detail.isBlank() ? rule.wireName() : detail.strip();
        int inserted = em.createNativeQuery("""
                INSERT INTO supervision_alert (subject_type, subject_id, rule, level, region_code, department, case_no,
                    detail, rule_scope, rule_version, occurred_at, raised_at, status, status_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?12)
                ON CONFLICT DO NOTHING""").unwrap(NativeQuery.class)
                .setParameter(1, key.subjectType()).setParameter(2, key.subjectId())
                .setParameter(3, rule.wireName()).setParameter(4, level.wireName())
                .setParameter(5, region).setParameter(6, department, String.class)
                .setParameter(7, key.isCase() ? key.subjectId() : null, String.class)
                .setParameter(8, text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) : text)
                .setParameter(9, applying.regionPrefix()).setParameter(10, applying.version())
                .setParameter(11, occurredAt.truncatedTo(ChronoUnit.MICROS)).setParameter(12, now)
                .setParameter(13, AlertStatus.OPEN.wireName())
                .executeUpdate();
        long id = ((Number) em.createNativeQuery("""
                SELECT id FROM supervision_alert
                WHERE subject_type = ?1 AND subject_id = ?2 AND rule = ?3 AND level = ?4""")
                .setParameter(1, key.subjectType()).setParameter(2, key.subjectId())
                .setParameter(3, rule.wireName()).setParameter(4, level.wireName())
                .getSingleResult()).longValue();
        if (inserted == 0) {
            return new RaisedAlert(RaisedAlert.Outcome.ALREADY_RAISED, id);
        }
        AlertStep step = new AlertStep();
        step.alertId = id;
        step.action = AlertAction.RAISED.wireName();
        step.status = AlertStatus.OPEN.wireName();
        step.actor = nodeActor;
        step.note = "raised under rule set " + (applying.regionPrefix().isEmpty() ? "baseline" : applying.regionPrefix())
                + " v" + applying.version();
        step.takenAt = now;
        em.persist(step);
        return new RaisedAlert(RaisedAlert.Outcome.RAISED, id);
    }
}
