package org.govhub.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One archive object set in S3 and how far its life has come: {@code stored}, then {@code purged}. */
@Entity
@Table(name = "archive_record")
public class ArchiveRecord extends PanacheEntityBase {
    public static final String STORED = "stored";
    public static final String PURGED = "purged";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String kind;

    public String period;

    @Column(name = "object_prefix")
    public String objectPrefix;

    @Column(name = "first_key")
    public String firstKey;

    @Column(name = "last_key")
    public String lastKey;

    @Column(name = "row_count")
    public long rowCount;

    @Column(name = "content_sm3")
    public String contentSm3;

    @Column(name = "manifest_sm3")
    public String manifestSm3;

    public String state;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "purged_at")
    public Instant purgedAt;
}
