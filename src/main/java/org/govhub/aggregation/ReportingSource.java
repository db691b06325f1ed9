package org.govhub.aggregation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A source that reports to this node, with its last report and, while it is overdue, since when. */
@Entity
@Table(name = "reporting_source")
public class ReportingSource extends PanacheEntityBase {
    @EmbeddedId
    public Key key;

    @Column(name = "region_prefix")
    public String regionPrefix;

    /** When this node first expected or heard from the source: silence is counted from here until a first report. */
    @Column(name = "first_seen_at")
    public Instant firstSeenAt;

    @Column(name = "last_report_at")
    public Instant lastReportAt;

    @Column(name = "overdue_since")
    public Instant overdueSince;

    /** The instant silence is counted from. */
    Instant silentSince() {
        return lastReportAt != null ? lastReportAt : firstSeenAt;
    }

    SourceKind kind() {
        return SourceKind.parse(key.kind);
    }

    @Embeddable
    public static class Key implements Serializable {
        public String kind;

        @Column(name = "source_id")
        public String sourceId;

        public Key() {
        }

        Key(SourceKind kind, String sourceId) {
            this.kind = kind.wireName();
            this.sourceId = sourceId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && kind.equals(other.kind) && sourceId.equals(other.sourceId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(kind, sourceId);
        }
    }
}
