package org.govhub.audit;

import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.govhub.signing.CanonicalJson;

/** Audit rows leave the database from the start of the chain, a month at a time, with every column, so the chain can be re-checked from the archive. */
@ApplicationScoped
public class AuditArchiveSource implements ArchiveSource {
    private static final int BATCH = 2000;
    private final EntityManager em;

    public AuditArchiveSource(EntityManager em) {
        this.em = em;
    }

    @Override
    public String kind() {
        return "audit";
    }

    @Override
    public Optional<Due> oldestDue(Instant cutoff) {
        AuditEvent oldest = AuditEvent.find("order by seq").firstResult();
        if (oldest == null) {
            return Optional.empty();
        }
        YearMonth month = YearMonth.from(oldest.occurredAt.atZone(ZoneOffset.UTC));
        return end(month).isAfter(cutoff) ? Optional.empty() : Optional.of(new Due(month, Long.toString(oldest.seq)));
    }

    @Override
    public RowRange write(Due due, OutputStream out) throws IOException {
        Instant monthEnd = end(due.period());
        long after = Long.parseLong(due.firstKey()) - 1;
        long first = -1;
        long last = -1;
        long count = 0;
        boolean runEnded = false;
        while (!runEnded) {
            List<AuditEvent> rows = AuditEvent.find("seq > ?1 order by seq", after).page(Page.ofSize(BATCH)).list();
            if (rows.isEmpty()) {
                break;
            }
            for (AuditEvent row : rows) {
                if (!row.occurredAt.isBefore(monthEnd)) {
                    runEnded = true;
                    break;
                }
                out.write(CanonicalJson.bytes(columns(row)));
                out.write('\n');
                first = first < 0 ? row.seq : first;
                last = row.seq;
                count++;
            }
            after = rows.get(rows.size() - 1).seq;
            em.clear();
        }
        return new RowRange(Long.toString(first), Long.toString(last), count);
    }

    @Override
    public long purge(RowRange range, String objectPrefix) {
        return em.createQuery("delete from AuditEvent e where e.seq between ?1 and ?2")
                .setParameter(1, Long.parseLong(range.firstKey())).setParameter(2, Long.parseLong(range.lastKey()))
                .executeUpdate();
    }

    static Map<String, Object> columns(AuditEvent e) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("seq", e.seq);
        row.put("occurredAt", e.occurredAt.toString());
        row.put("clientId", e.clientId);
        row.put("operation", e.operation);
        row.put("resourceType", e.resourceType);
        row.put("resourceId", e.resourceId);
        row.put("outcome", e.outcome);
        row.put("purpose", e.purpose);
        row.put("requestSm3", e.requestSm3);
        row.put("subjectDigest", e.subjectDigest);
        row.put("prevHash", e.prevHash);
        row.put("rowHash", e.rowHash);
        return row;
    }

    private static Instant end(YearMonth month) {
        return month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}
