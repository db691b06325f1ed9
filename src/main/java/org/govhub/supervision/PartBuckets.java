package org.govhub.supervision;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;

/**
 * Keeps the period buckets of the stage and post statistics ({@code supervision_part_period}, see
 * {@link PartStats}) equal to the rows of {@code supervision_case_part}: each bucket a change touched is
 * recomputed from its rows in the same transaction (a bucket holds the rows of one stage or post, one region
 * code and 10 days, read through an index), so no increment can drift and a repeated change is harmless.
 */
@ApplicationScoped
public class PartBuckets {
    /** A bucket: kind (stage or post), name, region code and period ({@link PartStats#period}). */
    public record Key(String kind, String name, String regionCode, long period) {
        static Key of(CasePart part) {
            return new Key(part.kind, part.name, part.regionCode, PartStats.period(part.acceptedAt));
        }
    }

    private final EntityManager em;

    public PartBuckets(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void recompute(Collection<Key> keys) {
        if (keys.isEmpty()) {
            return;
        }
        em.flush();
        for (Key key : keys) {
            em.createNativeQuery("""
                    DELETE FROM supervision_part_period WHERE kind = ?1 AND period = ?2 AND region_code = ?3 AND name = ?4""")
                    .setParameter(1, key.kind()).setParameter(2, key.period()).setParameter(3, key.regionCode())
                    .setParameter(4, key.name()).executeUpdate();
            Instant start = PartStats.periodStart(key.period());
            em.createNativeQuery("""
                    INSERT INTO supervision_part_period (kind, period, region_code, name, accepted, finished, on_time,
                        late, corrected, timed, timed_days, open_due, open_due_max)
                    SELECT kind, ?2, region_code, name, COUNT(*),
                        SUM(CASE WHEN finished_at IS NOT NULL THEN 1 ELSE 0 END),
                        SUM(CASE WHEN finished_at IS NOT NULL AND on_time THEN 1 ELSE 0 END),
                        SUM(CASE WHEN finished_at IS NOT NULL AND NOT on_time THEN 1 ELSE 0 END),
                        SUM(CASE WHEN corrected THEN 1 ELSE 0 END),
                        SUM(CASE WHEN working_days IS NOT NULL THEN 1 ELSE 0 END),
                        COALESCE(SUM(working_days), 0),
                        SUM(CASE WHEN finished_at IS NULL AND due_at IS NOT NULL THEN 1 ELSE 0 END),
                        MAX(CASE WHEN finished_at IS NULL THEN due_at END)
                    FROM supervision_case_part
                    WHERE kind = ?1 AND name = ?4 AND region_code = ?3 AND accepted_at >= ?5 AND accepted_at < ?6
                    GROUP BY kind, region_code, name""")
                    .setParameter(1, key.kind()).setParameter(2, key.period()).setParameter(3, key.regionCode())
                    .setParameter(4, key.name()).setParameter(5, start)
                    .setParameter(6, start.plusSeconds(PartStats.PERIOD_SECONDS)).executeUpdate();
        }
    }
}
