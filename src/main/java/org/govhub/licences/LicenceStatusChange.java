package org.govhub.licences;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One status change of a licence; its generation number orders the published status lists. */
@Entity
@Table(name = "licence_status_change")
public class LicenceStatusChange extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long generation;

    @Column(name = "licence_id")
    public String licenceId;

    public String status;

    public String reason;

    @Column(name = "changed_at")
    public Instant changedAt;

    @Column(name = "changed_by")
    public String changedBy;

    /** The generation of the newest change, 0 before any. */
    public static long currentGeneration() {
        Long max = getEntityManager().createQuery("select max(c.generation) from LicenceStatusChange c", Long.class)
                .getSingleResult();
        return max == null ? 0 : max;
    }
}
