package org.govhub.catalog;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The highest sequence handed out for one subject + type, e.g. key {@code 33030300AJ-CF}; locked while codes are taken. */
@Entity
@Table(name = "catalog_code_counter")
public class CodeCounter extends PanacheEntityBase {
    @Id
    @Column(name = "counter_key")
    public String key;

    @Column(name = "last_sequence")
    public int lastSequence;

    static String key(String subjectCode, PowerItemType type) {
        return subjectCode + "-" + type.code();
    }
}
