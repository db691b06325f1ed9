package org.govhub.supervision;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** One version of a region's supervision rule set (监察规则), as stored; never updated, only added to. */
@Entity
@Table(name = "supervision_rule_set")
@IdClass(RuleSetRecord.Key.class)
public class RuleSetRecord extends PanacheEntityBase {
    @Id
    @Column(name = "region_prefix")
    public String regionPrefix;

    @Id
    public int version;

    @Column(name = "yellow_share_percent")
    public int yellowSharePercent;

    @Column(name = "correction_limit")
    public int correctionLimit;

    /** Comma-separated wire names of the {@link AlertRule}s switched off; empty when all are active. */
    @Column(name = "inactive_rules")
    public String inactiveRules;

    public String note;

    @Column(name = "changed_by")
    public String changedBy;

    @Column(name = "changed_at")
    public Instant changedAt;

    /** The newest version among the given scopes, the longest (most specific) scope first. */
    static RuleSetRecord newestOf(List<String> scopes) {
        return find("regionPrefix in ?1 order by length(regionPrefix) desc, version desc", scopes)
                .firstResult();
    }

    static List<RuleSetRecord> versionsOf(String scope) {
        return list("regionPrefix = ?1 order by version", scope);
    }

    public static class Key implements Serializable {
        public String regionPrefix;
        public int version;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && version == other.version && Objects.equals(regionPrefix, other.regionPrefix);
        }

        @Override
        public int hashCode() {
            return Objects.hash(regionPrefix, version);
        }
    }
}
