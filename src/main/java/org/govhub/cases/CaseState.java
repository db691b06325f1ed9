package org.govhub.cases;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The current version of a case, with the columns supervision filters by. Written by {@link CaseStore}. */
@Entity
@Table(name = "case_state")
public class CaseState extends PanacheEntityBase {
    @Id
    @Column(name = "case_no")
    public String caseNo;

    @Column(name = "data_version")
    public long dataVersion;

    @Column(name = "item_code")
    public String itemCode;

    public String department;

    @Column(name = "region_code")
    public String regionCode;

    public String status;

    @Column(name = "content_sm3")
    public String contentSm3;

    @Column(name = "source_client")
    public String sourceClient;

    @Column(name = "received_at")
    public Instant receivedAt;

    @Column(name = "accepted_at")
    public Instant acceptedAt;

    @Column(name = "promised_deadline")
    public Instant promisedDeadline;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "finding_count")
    public int findingCount;
}
