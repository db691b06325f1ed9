package org.govhub.ferry;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;

/** A verified bundle parked in {@code held/} because an earlier sequence of its lane has not arrived. */
@Entity
@Table(name = "ferry_held")
@IdClass(LaneSequenceKey.class)
public class HeldBundle extends PanacheEntityBase {
    @Id
    public String lane;

    @Id
    public long sequence;

    @Column(name = "file_name")
    public String fileName;

    @Column(name = "manifest_sm3")
    public String manifestSm3;

    @Column(name = "held_since")
    public Instant heldSince;
}
