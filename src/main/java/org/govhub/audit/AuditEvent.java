package org.govhub.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One row of the audit trail, as stored. */
@Entity
@Table(name = "audit_event")
public class AuditEvent extends PanacheEntityBase {
    @Id
    public long seq;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    @Column(name = "client_id")
    public String clientId;

    public String operation;

    @Column(name = "resource_type")
    public String resourceType;

    @Column(name = "resource_id")
    public String resourceId;

    public String outcome;

    public String purpose;

    @Column(name = "request_sm3")
    public String requestSm3;

    @Column(name = "subject_digest")
    public String subjectDigest;

    @Column(name = "prev_hash")
    public String prevHash;

    @Column(name = "row_hash")
    public String rowHash;
}
