package org.govhub.ferry;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Something on the gap that needs a person: a quarantined bundle, a sequence missing past the hold
 * timeout, a rejected return message. Kept for supervision (电子监察), which reads these as alerts.
 */
@Entity
@Table(name = "ferry_alert")
public class FerryAlert extends PanacheEntityBase {
    public static final String QUARANTINE = "quarantine";
    public static final String HOLD_TIMEOUT = "hold-timeout";
    public static final String RETURN_REJECTED = "return-rejected";
    public static final String RECEIVER_QUARANTINED = "receiver-quarantined";
    public static final String RESEND_IMPOSSIBLE = "resend-impossible";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "raised_at")
    public Instant raisedAt;

    public String kind;

    public String lane;

    public Long sequence;

    @Column(name = "file_name")
    public String fileName;

    public String reason;

    public String detail;
}
