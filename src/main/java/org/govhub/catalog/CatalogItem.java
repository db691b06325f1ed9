package org.govhub.catalog;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A power-item code and its effective version. The row exists from the moment the code is allocated
 * or submitted, and never goes away: that is what keeps codes from being reused. {@code document}
 * holds the effective (or, once retired, the last effective) {@link PowerItem} as JSON; proposed
 * documents live on the change request until approved.
 */
@Entity
@Table(name = "catalog_item")
public class CatalogItem extends PanacheEntityBase {
    @Id
    public String code;

    @Column(name = "subject_code")
    public String subjectCode;

    @Column(name = "region_digits")
    public String regionDigits;

    public String department;

    @Column(name = "item_type")
    @Enumerated(EnumType.STRING)
    public PowerItemType type;

    @Column(name = "sequence_no")
    public int sequence;

    @Enumerated(EnumType.STRING)
    public RecordStatus status;

    @Column(name = "retired_as")
    @Enumerated(EnumType.STRING)
    public ChangeKind retiredAs;

    /** The effective version number; 0 until first approved. */
    public int version;

    public String name;

    public String document;

    @Column(name = "effective_from")
    public Instant effectiveFrom;

    @Column(name = "retired_at")
    public Instant retiredAt;

    /** The pending change request touching this item, if any: one at a time. */
    /** The origin of the effective version when a forwarded change made it; null when entered here. */
    @Column(name = "origin_json")
    public String originJson;

    @Column(name = "pending_change_id")
    public Long pendingChangeId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "created_by")
    public String createdBy;

    static CatalogItem fresh(PowerItemCode code, RecordStatus status, String clientId, Instant now) {
        CatalogItem item = new CatalogItem();
        item.code = code.toString();
        item.subjectCode = code.subjectCode();
        item.regionDigits = code.regionDigits();
        item.department = code.department();
        item.type = code.type();
        item.sequence = code.sequence();
        item.status = status;
        item.createdAt = now;
        item.createdBy = clientId;
        return item;
    }

    boolean isPublished() {
        return status == RecordStatus.EFFECTIVE || status == RecordStatus.RETIRED;
    }
}
