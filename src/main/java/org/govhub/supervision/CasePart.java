package org.govhub.supervision;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** The time one case spent in one stage (环节) or post (岗位), with the case columns statistics filter on. */
@Entity
@Table(name = "supervision_case_part")
@IdClass(CasePart.Key.class)
public class CasePart extends PanacheEntityBase {
    @Id
    @Column(name = "case_no")
    public String caseNo;

    /** stage or post. */
    @Id
    public String kind;

    @Id
    public String name;

    @Column(name = "working_days")
    public Double workingDays;

    public boolean corrected;

    @Column(name = "region_code")
    public String regionCode;

    @Column(name = "accepted_at")
    public Instant acceptedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "on_time")
    public Boolean onTime;

    @Column(name = "due_at")
    public Instant dueAt;

    public static class Key implements Serializable {
        public String caseNo;
        public String kind;
        public String name;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && Objects.equals(caseNo, other.caseNo) && Objects.equals(kind, other.kind)
                    && Objects.equals(name, other.name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(caseNo, kind, name);
        }
    }
}
