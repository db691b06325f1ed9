package org.govhub.audit;

import java.time.Instant;

/** An audit row as the API shows it. */
public record AuditRecord(long seq, Instant occurredAt, String clientId, String operation, String resourceType,
        String resourceId, String outcome, String purpose, String requestSm3, String subjectDigest, String rowHash) {

    static AuditRecord of(AuditEvent e) {
        return new AuditRecord(e.seq, e.occurredAt, e.clientId, e.operation, e.resourceType, e.resourceId,
                e.outcome, e.purpose, e.requestSm3, e.subjectDigest, e.rowHash);
    }
}
