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
 * An overdue source, for supervision: raised when a source has been silent for longer than the
 * freshness period, cleared when it reports again. Supervision reads the open ones ({@link #open()}).
 */
@Entity
@Table(name = "freshness_alert")
public class FreshnessAlert extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String kind;

    @Column(name = "source_id")
    public String sourceId;

    @Column(name = "region_prefix")
    public String regionPrefix;

    @Column(name = "last_report_at")
    public Instant lastReportAt;

    @Column(name = "raised_at")
    public Instant raisedAt;

    @Column(name = "cleared_at")
    public Instant clearedAt;

    /** Alerts not yet cleared, oldest first. */
    public static List<FreshnessAlert> open() {
        return list("clearedAt is null order by id");
    }
}
