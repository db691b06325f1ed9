package org.govhub.cases;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.govhub.audit.ArchiveSource;
import org.govhub.signing.CanonicalJson;

/**
 * Case versions leave the database in feed order, from the oldest feed position, a month (of
 * receipt) at a time. Each archived line carries the stored record JSON verbatim, so its SM3 still
 * equals the version's contentSm3; an index row per version says which archive set holds it.
 */
@ApplicationScoped
public class CaseVersionArchiveSource implements ArchiveSource {
    private static final int BATCH = 1000;
    private final EntityManager em;

    public CaseVersionArchiveSource(EntityManager em) {
        this.em = em;
    }

    @Override
    public String kind() {
        return "case-versions";
    }

    @Override
    public Optional<Due> oldestDue(Instant cutoff) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT f.feed_position, v.received_at FROM case_feed f "
                + "JOIN case_version v ON v.case_no = f.case_no AND v.data_version = f.data_version "
                + "ORDER BY f.feed_position").setMaxResults(1).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        YearMonth month = YearMonth.from(instant(rows.get(0)[1]).atZone(ZoneOffset.UTC));
        return end(month).isAfter(cutoff) ? Optional.empty()
                : Optional.of(new Due(month, Long.toString(((Number) rows.get(0)[0]).longValue())));
    }

    @Override
    public RowRange write(Due due, OutputStream out) throws IOException {
        Instant monthEnd = end(due.period());
        long after = Long.parseLong(due.firstKey()) - 1;
        long first = -1;
        long last = -1;
        long count = 0;
        while (true) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("SELECT f.feed_position, v.case_no, v.data_version, v.item_code, "
                    + "v.region_code, v.status, v.content_sm3, v.record_json, v.source_client, v.received_at, v.batch_id "
                    + "FROM case_feed f JOIN case_version v ON v.case_no = f.case_no AND v.data_version = f.data_version "
                    + "WHERE f.feed_position > ?1 ORDER BY f.feed_position")
                    .setParameter(1, after).setMaxResults(BATCH).getResultList();
            if (rows.isEmpty()) {
                break;
            }
            for (Object[] row : rows) {
                if (!instant(row[9]).isBefore(monthEnd)) {
                    return new RowRange(Long.toString(first), Long.toString(last), count);
                }
                out.write(CanonicalJson.bytes(line(row)));
                out.write('\n');
                long position = ((Number) row[0]).longValue();
                first = first < 0 ? position : first;
                last = position;
                count++;
            }
            after = last;
        }
        return new RowRange(Long.toString(first), Long.toString(last), count);
    }

    @Override
    public long purge(RowRange range, String prefix) {
        long from = Long.parseLong(range.firstKey());
        long to = Long.parseLong(range.lastKey());
        em.createNativeQuery("INSERT INTO case_version_archived (case_no, data_version, feed_position, content_sm3, object_prefix) "
                + "SELECT v.case_no, v.data_version, f.feed_position, v.content_sm3, ?1 FROM case_feed f "
                + "JOIN case_version v ON v.case_no = f.case_no AND v.data_version = f.data_version "
                + "WHERE f.feed_position BETWEEN ?2 AND ?3").setParameter(1, prefix).setParameter(2, from).setParameter(3, to)
                .executeUpdate();
        int versions = em.createNativeQuery("DELETE FROM case_version v WHERE EXISTS (SELECT 1 FROM case_feed f "
                + "WHERE f.case_no = v.case_no AND f.data_version = v.data_version AND f.feed_position BETWEEN ?1 AND ?2)")
                .setParameter(1, from).setParameter(2, to).executeUpdate();
        em.createNativeQuery("DELETE FROM case_feed WHERE feed_position BETWEEN ?1 AND ?2")
                .setParameter(1, from).setParameter(2, to).executeUpdate();
        return versions;
    }

    private static ObjectNode line(Object[] row) {
        ObjectNode line = CaseJson.MAPPER.createObjectNode();
        line.put("feedPosition", ((Number) row[0]).longValue());
        line.put("caseNo", (String) row[1]);
        line.put("dataVersion", ((Number) row[2]).longValue());
        line.put("itemCode", (String) row[3]);
        line.put("regionCode", (String) row[4]);
        line.put("status", (String) row[5]);
        line.put("contentSm3", (String) row[6]);
        line.put("recordJson", (String) row[7]);
        line.put("sourceClient", (String) row[8]);
        line.put("receivedAt", instant(row[9]).toString());
        line.put("batchId", (String) row[10]);
        return line;
    }

    static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }

    private static Instant end(YearMonth month) {
        return month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
