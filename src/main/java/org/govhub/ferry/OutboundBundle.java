package org.govhub.ferry;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A sealed bundle (external node). Its manifest bytes and signature are stored, and its entries are
 * the payloads of the submissions bound to it, so the file can be rebuilt identically for a resend
 * until the receipt arrives.
 */
@Entity
@Table(name = "ferry_bundle_out")
public class OutboundBundle extends PanacheEntityBase {
    @Id
    @Column(name = "bundle_id")
    public String bundleId;

    public String lane;

    public long sequence;

    @Column(name = "file_name")
    public String fileName;

    public String manifest;

    @Column(name = "manifest_sm3")
    public String manifestSm3;

    public String signature;

    @Column(name = "record_count")
    public int recordCount;

    @Column(name = "payload_bytes")
    public long payloadBytes;

    @Column(name = "packed_at")
    public Instant packedAt;

    @Column(name = "shipped_at")
    public Instant shippedAt;

    @Column(name = "ship_count")
    public int shipCount;

    @Column(name = "resend_requested")
    public boolean resendRequested;

    @Column(name = "receipt_status")
    public String receiptStatus;

    @Column(name = "receipt_reason")
    public String receiptReason;

    @Column(name = "receipt_detail")
    public String receiptDetail;

    @Column(name = "receipted_at")
    public Instant receiptedAt;
}
