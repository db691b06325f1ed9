package org.govhub.supervision;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** One recorded step of an alert: raised, acknowledged, investigated or closed, by whom, when, with which note. */
@Entity
@Table(name = "supervision_alert_step")
public class AlertStep extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "alert_id")
    public long alertId;

    /** Wire name of an {@link AlertAction}. */
    public String action;

    /** Wire name of the {@link AlertStatus} after the step. */
    public String status;

    /** Client id of the supervisor, or {@code node:<id>} for steps the hub took itself. */
    public String actor;

    public String note;

    @Column(name = "taken_at")
    public Instant takenAt;

    public static List<AlertStep> ofAlert(long alertId) {
        return list("alertId = ?1 order by id", alertId);
    }

    public static List<AlertStep> ofAlerts(Collection<Long> alertIds) {
        return alertIds.isEmpty() ? List.of() : list("alertId in ?1 order by id", alertIds);
    }
}
