package org.govhub.catalog;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A change request to one of the three lists: who asked for what and why, and who decided and why. */
@Entity
@Table(name = "catalog_change")
public class CatalogChange extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "record_kind")
    @Enumerated(EnumType.STRING)
    public RecordKind record;

    @Enumerated(EnumType.STRING)
    public ChangeKind kind;

    @Enumerated(EnumType.STRING)
    public ChangeStatus status;

    public String reason;

    @Column(name = "entry_count")
    public int entryCount;

    @Column(name = "submitted_by")
    public String submittedBy;

    @Column(name = "submitted_at")
    public Instant submittedAt;

    @Column(name = "reviewed_by")
    public String reviewedBy;

    @Column(name = "reviewed_at")
    public Instant reviewedAt;

    @Column(name = "review_note")
    public String reviewNote;

    /** {@code <node>/<change id>} of the node where a forwarded change was approved; null for changes made here. */
    @Column(name = "origin_key")
    public String originKey;

    /** Origin, path and the downstream's review record of a forwarded change; null for changes made here. */
    @Column(name = "origin_json")
    public String originJson;
}
