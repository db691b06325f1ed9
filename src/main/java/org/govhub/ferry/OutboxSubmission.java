package org.govhub.ferry;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/**
 * One accepted push waiting to cross the gap (external node): the batch as NDJSON, who pushed it
 * and for which region, and where it is on its way (accepted → bundled → shipped → receipted, or
 * quarantined by the receiver and waiting to be shipped again). The payload is cleared once the
 * receipt is in: the internet-facing node keeps case data only until the private network has it.
 */
@Entity
@Table(name = "ferry_outbox")
public class OutboxSubmission extends PanacheEntityBase {
    public static final String ACCEPTED = "accepted";
    public static final String BUNDLED = "bundled";
    public static final String SHIPPED = "shipped";
    public static final String RECEIPTED = "receipted";
    public static final String QUARANTINED = "quarantined";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "submission_id")
    public String submissionId;

    public String lane;

    public String kind;

    @Column(name = "client_id")
    public String clientId;

    @Column(name = "region_prefix")
    public String regionPrefix;

    @Column(name = "record_count")
    public int recordCount;

    @Column(name = "payload_bytes")
    public long payloadBytes;

    @Column(name = "payload_sm3")
    public String payloadSm3;

    /** Loaded only when read: the status a pusher polls for does not carry the batch it pushed. */
    @Basic(fetch = FetchType.LAZY)
    public String payload;

    @Column(name = "accepted_at")
    public Instant acceptedAt;

    public String state;

    @Column(name = "bundle_id")
    public String bundleId;

    @Column(name = "receipted_at")
    public Instant receiptedAt;

    @Column(name = "outcome_counts")
    public String outcomeCounts;

    public String outcomes;

    public static Optional<OutboxSubmission> bySubmissionId(String submissionId) {
        return find("submissionId", submissionId).firstResultOptional();
    }
}
