package org.govhub.supervision;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** The supervision view of a case's current version: its time facts in working days (see V51). */
@Entity
@Table(name = "supervision_case")
public class SupervisedCase extends PanacheEntityBase {
    @Id
    @Column(name = "case_no")
    public String caseNo;

    @Column(name = "data_version")
    public long dataVersion;

    @Column(name = "item_code")
    public String itemCode;

    /** Handling subject code: the item code's first 10 characters, e.g. 33030300AJ. */
    public String department;

    @Column(name = "region_code")
    public String regionCode;

    public String status;

    @Column(name = "accepted_at")
    public Instant acceptedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "promised_working_days")
    public Double promisedWorkingDays;

    @Column(name = "due_at")
    public Instant dueAt;

    @Column(name = "handling_working_days")
    public Double handlingWorkingDays;

    @Column(name = "on_time")
    public Boolean onTime;

    @Column(name = "correction_count")
    public int correctionCount;

    /** JSON [[start, end-or-null], ...]. */
    public String pauses;

    /** none, yellow or red: the highest card reached at the last evaluation. */
    @Column(name = "deadline_level")
    public String deadlineLevel;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Open cases with a promise that are not yet red, after {@code afterCaseNo} in case-number order. */
    static List<SupervisedCase> openAfter(String afterCaseNo, int limit) {
        return find("finishedAt is null and promisedWorkingDays is not null and deadlineLevel <> 'red'"
                + " and caseNo > ?1 order by caseNo", afterCaseNo).page(0, limit).list();
    }
}
