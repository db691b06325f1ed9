package org.govhub.cases;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * A stored process-control finding on one version of a case. Supervision reads them in id order
 * ({@link #after}) to raise its alerts; the case views show them with the version they belong to.
 */
@Entity
@Table(name = "case_finding")
public class CaseFinding extends PanacheEntityBase {
    @Id
    public long id;

    @Column(name = "case_no")
    public String caseNo;

    @Column(name = "data_version")
    public long dataVersion;

    /** Wire name of a {@link FindingRule}. */
    public String rule;

    /** Path of the field in the record, e.g. {@code steps[2].reason}. */
    public String field;

    public String detail;

    @Column(name = "item_code")
    public String itemCode;

    public String department;

    @Column(name = "region_code")
    public String regionCode;

    @Column(name = "found_at")
    public Instant foundAt;

    /** Findings with an id above {@code afterId}, oldest first: how supervision follows new findings. */
    public static List<CaseFinding> after(long afterId, int limit) {
        return find("id > ?1 order by id", afterId).page(0, limit).list();
    }

    /** Every finding on a case, by version then id. */
    public static List<CaseFinding> ofCase(String caseNo) {
        return list("caseNo = ?1 order by dataVersion, id", caseNo);
    }
}
