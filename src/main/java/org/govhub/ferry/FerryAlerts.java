package org.govhub.ferry;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.govhub.audit.AuditEntry;
import org.govhub.audit.AuditLog;
import org.govhub.common.HubClock;
import org.govhub.common.HubConfig;
import org.govhub.supervision.AlertKey;
import org.govhub.supervision.AlertLevel;
import org.govhub.supervision.AlertRule;
import org.govhub.supervision.SupervisionAlerts;
import org.jboss.logging.Logger;

/**
 * Raises ferry alerts: a row in {@code ferry_alert}, an audit entry, a log line and a metric, in the caller's
 * transaction. Quarantines (this node's, or the receiver's reported back) and sequence gaps held past the
 * timeout also go to supervision ({@link SupervisionAlerts}, same transaction): rule {@code ferry-quarantine}
 * (red) per bundle file, {@code ferry-sequence-gap} (yellow) per lane and first missing sequence, at most once
 * each, under this node's region code.
 */
@ApplicationScoped
public class FerryAlerts {
    private static final Logger LOG = Logger.getLogger(FerryAlerts.class);
    private final HubClock clock;
    private final AuditLog audit;
    private final FerryNode node;
    private final MeterRegistry metrics;
    private final SupervisionAlerts supervision;
    private final String regionCode;

    public FerryAlerts(HubClock clock, AuditLog audit, FerryNode node, MeterRegistry metrics, SupervisionAlerts supervision,
            HubConfig config) {
        this.supervision = supervision;
        this.regionCode = config.regionCode();
        this.clock = clock;
        this.audit = audit;
        this.node = node;
        this.metrics = metrics;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public FerryAlert raise(String kind, String lane, Long sequence, String fileName, Rejection reason, String detail) {
        return raise(kind, lane, sequence, fileName, reason.code(), detail);
    }

    /** Raises an alert in a transaction of its own, for refusals that change nothing else. */
    @Transactional
    public FerryAlert raiseNow(String kind, String lane, Long sequence, String fileName, Rejection reason, String detail) {
        return raise(kind, lane, sequence, fileName, reason.code(), detail);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public FerryAlert raise(String kind, String lane, Long sequence, String fileName, String reason, String detail) {
        FerryAlert alert = new FerryAlert();
        alert.raisedAt = clock.instant();
        alert.kind = kind;
        alert.lane = lane;
        alert.sequence = sequence;
        alert.fileName = truncate(fileName, 200);
        alert.reason = reason;
        alert.detail = truncate(detail, 2000);
        alert.persist();
        audit.recordAs("node:" + node.nodeId(), AuditEntry.of("ferry." + kind, "ferry-bundle",
                fileName != null ? fileName : lane, reason));
        metrics.counter("govhub.ferry.alerts", "kind", kind, "reason", reason).increment();
        LOG.warnf("ferry alert %s (%s) lane=%s sequence=%s file=%s: %s", kind, reason, lane, sequence, fileName, detail);
        toSupervision(alert);
        return alert;
    }

    private void toSupervision(FerryAlert alert) {
        String what = alert.kind + " (" + alert.reason + ")" + (alert.lane == null ? "" : " lane " + alert.lane)
                + (alert.sequence == null ? "" : " sequence " + alert.sequence)
                + (alert.fileName == null ? "" : " file " + alert.fileName)
                + (alert.detail == null ? "" : ": " + alert.detail);
        switch (alert.kind) {
            case FerryAlert.QUARANTINE, FerryAlert.RECEIVER_QUARANTINED -> {
                String subject = alert.fileName != null ? alert.fileName : alert.lane + "/" + alert.sequence;
                supervision.raise(AlertKey.of("ferry-bundle", truncate(subject, 200)), AlertLevel.RED, regionCode, null,
                        AlertRule.FERRY_QUARANTINE, what, alert.raisedAt);
            }
            case FerryAlert.HOLD_TIMEOUT -> supervision.raise(AlertKey.of("ferry-lane", truncate(alert.lane + "#"
                    + alert.sequence, 200)), AlertLevel.YELLOW, regionCode, null, AlertRule.FERRY_SEQUENCE_GAP, what,
                    alert.raisedAt);
            default -> {
                // refused return messages and impossible resends stay ferry alerts only
            }
        }
    }

    static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }
}
