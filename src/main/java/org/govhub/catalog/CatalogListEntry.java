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
import java.math.BigDecimal;
import java.time.Instant;

/**
 * An entry of the responsibility list or the special-fund list. Like {@link CatalogItem} it holds the
 * effective document; proposed documents wait on their change request.
 */
@Entity
@Table(name = "catalog_list_entry")
public class CatalogListEntry extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "list_kind")
    @Enumerated(EnumType.STRING)
    public RecordKind list;

    @Column(name = "subject_code")
    public String subjectCode;

    @Column(name = "region_digits")
    public String regionDigits;

    public String department;

    @Enumerated(EnumType.STRING)
    public RecordStatus status;

    public int version;

    /** The duty, or the fund's project name: what the public search looks in. */
    public String title;

    @Column(name = "fund_year")
    public Integer fundYear;

    @Column(name = "budget_yuan")
    public BigDecimal budgetYuan;

    public String document;

    @Column(name = "effective_from")
    public Instant effectiveFrom;

    @Column(name = "retired_at")
    public Instant retiredAt;

    @Column(name = "pending_change_id")
    public Long pendingChangeId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "created_by")
    public String createdBy;

    /** {@code <node>/<entry id>} at the node where a forwarded entry was first added; null for entries added here. */
    @Column(name = "origin_entry")
    public String originEntry;

    /** Origin, path and review record of the forwarded change that made the effective version; null when made here. */
    @Column(name = "origin_json")
    public String originJson;

    boolean isPublished() {
        return status == RecordStatus.EFFECTIVE || status == RecordStatus.RETIRED;
    }
}
