package org.govhub.supervision;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** A red or yellow card as stored in the supervision business records; raised by {@link SupervisionAlerts}. */
@Entity
@Table(name = "supervision_alert")
public class Alert extends PanacheEntityBase {
    @Id
    public long id;

    @Column(name = "subject_type")
    public String subjectType;

    @Column(name = "subject_id")
    public String subjectId;

    /** Wire name of an {@link AlertRule}. */
    public String rule;

    /** Wire name of an {@link AlertLevel}. */
    public String level;

    @Column(name = "region_code")
    public String regionCode;

    /** Handling subject code, e.g. 33030300AJ; null when the subject has no department. */
    public String department;

    @Column(name = "case_no")
    public String caseNo;

    public String detail;

    /** The region prefix of the rule set that was applied ('' = the baseline) and its version. */
    @Column(name = "rule_scope")
    public String ruleScope;

    @Column(name = "rule_version")
    public int ruleVersion;

    /** When the condition arose, e.g. the instant the promised time ran out. */
    @Column(name = "occurred_at")
    public Instant occurredAt;

    /** When the hub stored the alert. */
    @Column(name = "raised_at")
    public Instant raisedAt;

    /** Wire name of an {@link AlertStatus}. */
    public String status;

    @Column(name = "status_at")
    public Instant statusAt;

    public static List<Alert> ofCase(String caseNo) {
        return list("caseNo = ?1 order by id", caseNo);
    }
}
