package org.govhub.aggregation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * One thing this node accepted and must forward to its upstream hub, written in the same
 * transaction as the local change. {@code sentAt} is set only when the upstream answered 2xx; the
 * upstream's own outcome for the record (created, unchanged, rejected …) is kept beside it.
 */
@Entity
@Table(name = "aggregation_outbox")
public class OutboxEntry extends PanacheEntityBase {
    /** The kind of a case version; its payload is one record of {@code POST /api/v1/cases/batches}. */
    public static final String CASE = "case";
    /** A licence as issued (or accepted from below); ref {@code <licence id>/<revision>}; the file is read from S3 when sent. */
    public static final String LICENCE = "licence";
    /** A status change of a licence; ref {@code <licence id>/<revision>}. */
    public static final String LICENCE_STATUS = "licence-status";
    /** An item change that took effect here; ref {@code <node>/<change id>} of the node that approved it. */
    public static final String CATALOG = "catalog";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String kind;

    /** What the row stands for, e.g. {@code 330303-2026-000123/3} (case number / dataVersion). */
    public String ref;

    public String payload;

    @Column(name = "created_at")
    public Instant createdAt;

    public int attempts;

    @Column(name = "last_attempt_at")
    public Instant lastAttemptAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(name = "upstream_outcome")
    public String upstreamOutcome;

    @Column(name = "upstream_detail")
    public String upstreamDetail;

    /** The oldest unsent rows of a kind, in the order they were written. */
    static List<OutboxEntry> pending(String kind, int limit) {
        return find("kind = ?1 and sentAt is null order by id", kind).page(0, limit).list();
    }

    /** The oldest unsent row that is not a case version (licences and catalogue changes go one at a time, in id order). */
    static OutboxEntry nextOther() {
        return find("kind <> ?1 and sentAt is null order by id", CASE).firstResult();
    }

    static long pendingCount() {
        return count("sentAt is null");
    }

    static long removeSentBefore(Instant cutoff) {
        return delete("sentAt is not null and sentAt < ?1", cutoff);
    }
}
