package org.govhub.ferry;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.govhub.audit.AuditEntry;
import org.govhub.audit.AuditLog;
import org.govhub.common.HubClock;
import org.jboss.logging.Logger;

/** Raises ferry alerts: a row for supervision, an audit entry, a log line and a metric, in the caller's transaction. */
@ApplicationScoped
public class FerryAlerts {
    private static final Logger LOG = Logger.getLogger(FerryAlerts.class);
    private final HubClock clock;
    private final AuditLog audit;
    private final FerryNode node;
    private final MeterRegistry metrics;

    public FerryAlerts(HubClock clock, AuditLog audit, FerryNode node, MeterRegistry metrics) {
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
        return alert;
    }

    static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }
}
