package org.govhub.ferry;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A receipt or resend request (internal node), stored in the transaction that decided it and written
 * into the return gap afterwards, so a crash in between delays it but never loses it.
 */
@Entity
@Table(name = "ferry_return")
public class ReturnRecord extends PanacheEntityBase {
    @Id
    @Column(name = "message_id")
    public String messageId;

    public String kind;

    @Column(name = "file_name")
    public String fileName;

    public String lane;

    public Long sequence;

    /** The exact message.json bytes (UTF-8), signed again each time the file is written. */
    public String body;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "written_at")
    public Instant writtenAt;

    @Column(name = "write_count")
    public int writeCount;
}
