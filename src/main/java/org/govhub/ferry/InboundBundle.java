package org.govhub.ferry;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;

/** A bundle the internal node ingested; recorded in the same transaction as its records and its receipt. */
@Entity
@Table(name = "ferry_bundle_in")
@IdClass(LaneSequenceKey.class)
public class InboundBundle extends PanacheEntityBase {
    @Id
    public String lane;

    @Id
    public long sequence;

    @Column(name = "bundle_id")
    public String bundleId;

    @Column(name = "manifest_sm3")
    public String manifestSm3;

    @Column(name = "source_node")
    public String sourceNode;

    @Column(name = "record_count")
    public int recordCount;

    @Column(name = "ingested_at")
    public Instant ingestedAt;

    @Column(name = "receipt_id")
    public String receiptId;
}
