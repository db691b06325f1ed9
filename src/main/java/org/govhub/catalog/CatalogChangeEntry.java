package org.govhub.catalog;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/**
 * One record a change touches: a source it replaces or ends, or a target it makes, with the proposed
 * document and, once approved, the version that document became.
 */
@Entity
@Table(name = "catalog_change_entry")
@IdClass(CatalogChangeEntry.Key.class)
public class CatalogChangeEntry extends PanacheEntityBase {
    @Id
    @Column(name = "change_id")
    public long changeId;

    @Id
    public int ordinal;

    @Column(name = "entry_role")
    @Enumerated(EnumType.STRING)
    public EntryRole role;

    /** The power-item code, or the list entry's id. */
    @Column(name = "record_key")
    public String recordKey;

    @Column(name = "subject_code")
    public String subjectCode;

    public String document;

    public Integer version;

    static CatalogChangeEntry of(long changeId, int ordinal, EntryRole role, String key, String subjectCode, String document) {
        CatalogChangeEntry entry = new CatalogChangeEntry();
        entry.changeId = changeId;
        entry.ordinal = ordinal;
        entry.role = role;
        entry.recordKey = key;
        entry.subjectCode = subjectCode;
        entry.document = document;
        return entry;
    }

    public static class Key implements Serializable {
        public long changeId;
        public int ordinal;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && changeId == other.changeId && ordinal == other.ordinal;
        }

        @Override
        public int hashCode() {
            return Objects.hash(changeId, ordinal);
        }
    }
}
