package org.govhub.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.govhub.access.Caller;
import org.govhub.access.Role;
import org.govhub.common.RegionPrefix;
import org.govhub.testing.HubTest;
import org.junit.jupiter.api.Test;

/** The storage layer on its own: outcomes against stored state, atomic batches, and the feed under concurrency. */
@QuarkusTest
@HubTest
class CaseStoreTest {
    private static final String ITEM = "33030300AJ-CF-0003";
    private static final RegionPrefix PREFIX = RegionPrefix.parse("3303");

    @Inject
    CaseStore store;

    @Inject
    CaseFeed feed;

    @Inject
    AgroalDataSource dataSource;

    private List<RecordOutcome> write(List<CaseStore.Incoming> batch) {
        return store.write(new CaseStore.Delivery(UUID.randomUUID().toString(), "store-test", PREFIX,
                Instant.now().truncatedTo(ChronoUnit.MICROS), null, null), batch, List.of());
    }

    private static CaseStore.Incoming incoming(int index, String caseNo, long version) {
        return CaseStore.Incoming.of(index, CaseSamples.javaRecord(caseNo, ITEM, "330303", version), List.of(), null);
    }

    @Test
    void outcomesFollowTheStoredVersion() throws Exception {
        String caseNo = CaseSamples.caseNo("store");
        assertEquals(PushOutcome.CREATED, write(List.of(incoming(0, caseNo, 2))).get(0).outcome());
        assertEquals(PushOutcome.UNCHANGED, write(List.of(incoming(0, caseNo, 2))).get(0).outcome());
        assertEquals(PushOutcome.STALE, write(List.of(incoming(0, caseNo, 1))).get(0).outcome());
        assertEquals(PushOutcome.UPDATED, write(List.of(incoming(0, caseNo, 3))).get(0).outcome());
        assertEquals(List.of(2L, 3L), longs("select data_version from case_version where case_no = ? order by 1", caseNo));
        assertEquals(List.of(3L), longs("select data_version from case_state where case_no = ?", caseNo));
        assertEquals(List.of(2L, 3L), longs("select data_version from case_feed where case_no = ? order by feed_position", caseNo));
    }

    @Test
    void sameVersionWithOtherContentIsRejectedAndChangesNothing() throws Exception {
        String caseNo = CaseSamples.caseNo("store");
        write(List.of(incoming(0, caseNo, 1)));
        CaseRecord changed = CaseSamples.javaRecord(caseNo, ITEM, "330303", 1);
        changed = new CaseRecord(changed.caseNo(), changed.itemCode(), changed.regionCode(), 1L, changed.applicant(),
                "另一个案由", changed.acceptedAt(), changed.acceptor(), null, null, changed.status(), changed.steps(),
                changed.materials(), changed.facts(), changed.result());
        RecordOutcome outcome = write(List.of(CaseStore.Incoming.of(0, changed, List.of(), null))).get(0);
        assertEquals(PushOutcome.REJECTED, outcome.outcome());
        assertEquals("records[0].dataVersion", outcome.errors().get(0).field());
        assertEquals(List.of(1L), longs("select count(*) from case_version where case_no = ?", caseNo));
    }

    @Test
    void severalVersionsOfOneCaseInOneBatchAreAllKept() throws Exception {
        String caseNo = CaseSamples.caseNo("store");
        List<RecordOutcome> outcomes = write(List.of(incoming(0, caseNo, 1), incoming(1, caseNo, 3), incoming(2, caseNo, 2)));
        assertEquals(List.of(PushOutcome.CREATED, PushOutcome.UPDATED, PushOutcome.STALE),
                outcomes.stream().map(RecordOutcome::outcome).toList());
        assertEquals(List.of(1L, 3L), longs("select data_version from case_version where case_no = ? order by 1", caseNo));
        assertEquals(List.of(3L), longs("select data_version from case_state where case_no = ?", caseNo));
    }

    /**
     * Four writers store 8,000 new versions in batches of 500 while a reader pages the feed as fast as
     * it can: the union of the pages is exactly the set of stored versions, with no duplicates, and
     * the positions are consecutive. (CaseFeedTest does the same over HTTP with 20,000 pushed records.)
     */
    @Test
    void feedReadDuringConcurrentBatchesNeitherSkipsNorRepeats() throws Exception {
        String tag = CaseSamples.caseNo("feedrace");
        int writers = 4;
        int batchesPerWriter = 4;
        int batchSize = 500;
        long start = longs("select last_position from case_feed_head where id = 1", null).get(0);
        Caller aggregator = new Caller("store-test-aggregator", Set.of(Role.AGGREGATOR), PREFIX);
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        AtomicBoolean writing = new AtomicBoolean(true);
        try {
            List<Future<?>> pushes = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                pushes.add(pool.submit(() -> {
                    for (int b = 0; b < batchesPerWriter; b++) {
                        List<CaseStore.Incoming> batch = new ArrayList<>(batchSize);
                        for (int i = 0; i < batchSize; i++) {
                            String caseNo = tag + "-" + writer + "-" + b + "-" + i;
                            batch.add(incoming(i, caseNo, 1));
                        }
                        write(batch);
                    }
                    return null;
                }));
            }
            Future<List<FeedEntry>> reader = pool.submit(() -> {
                List<FeedEntry> seen = new ArrayList<>();
                long cursor = start;
                while (true) {
                    boolean lastRound = !writing.get();
                    FeedPage page = feed.page(aggregator, cursor, 700);
                    seen.addAll(page.entries());
                    cursor = page.nextCursor();
                    if (lastRound && !page.hasMore()) {
                        return seen;
                    }
                }
            });
            for (Future<?> push : pushes) {
                push.get();
            }
            writing.set(false);
            List<FeedEntry> seen = reader.get();
            Set<String> fromFeed = new HashSet<>();
            for (FeedEntry entry : seen) {
                assertTrue(fromFeed.add(entry.caseNo() + "@" + entry.dataVersion()), "repeated: " + entry.caseNo());
            }
            Set<String> stored = new HashSet<>();
            try (Connection c = dataSource.getConnection();
                    PreparedStatement s = c.prepareStatement("select case_no, data_version from case_version where case_no like ?")) {
                s.setString(1, tag + "-%");
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        stored.add(rs.getString(1) + "@" + rs.getLong(2));
                    }
                }
            }
            assertEquals(writers * batchesPerWriter * batchSize, stored.size());
            assertEquals(stored, fromFeed);
            List<Long> positions = seen.stream().map(FeedEntry::position).toList();
            for (int i = 1; i < positions.size(); i++) {
                assertEquals(positions.get(i - 1) + 1, positions.get(i), "positions are gap-free and in order");
            }
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }
    }

    /**
     * Two batches creating the same new cases at once: the loser's insert of the state rows fails on the key
     * (inside COPY on PostgreSQL) and must surface as WriteConflict, which the push service retries; or it
     * waited for the winner and finds every case unchanged. Never half of it, never another error.
     */
    @Test
    void twoBatchesCreatingTheSameCasesEndInOneCreateAndAConflictOrUnchanged() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 3; round++) {
                String tag = CaseSamples.caseNo("samenew");
                List<CaseStore.Incoming> batch = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    batch.add(incoming(i, tag + "-" + i, 1));
                }
                CountDownLatch go = new CountDownLatch(1);
                List<Future<String>> both = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    both.add(pool.submit(() -> {
                        go.await();
                        try {
                            Set<PushOutcome> outcomes = new HashSet<>();
                            write(batch).forEach(o -> outcomes.add(o.outcome()));
                            return outcomes.toString();
                        } catch (CaseStore.WriteConflict e) {
                            return "conflict";
                        }
                    }));
                }
                go.countDown();
                List<String> answers = new ArrayList<>(List.of(both.get(0).get(), both.get(1).get()));
                answers.sort(null);
                assertTrue(answers.equals(List.of("[CREATED]", "[UNCHANGED]")) || answers.equals(List.of("[CREATED]", "conflict")),
                        "answers: " + answers);
                assertEquals(List.of(300L), longs("select count(*) from case_state where case_no like ?", tag + "-%"));
                assertEquals(List.of(300L), longs("select count(*) from case_feed where case_no like ?", tag + "-%"));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every column as written (COPY on PostgreSQL), with and without the nullable instants, origin and findings. */
    @Test
    void theStoredRowsHoldEveryColumnOfTheRecord() throws Exception {
        String finished = CaseSamples.caseNo("columns");
        String open = CaseSamples.caseNo("columns");
        CaseRecord sample = CaseSamples.javaRecord(open, ITEM, "330303", 1);
        Instant deadline = Instant.parse("2026-11-30T08:00:00.123456Z");
        CaseRecord withDeadline = new CaseRecord(sample.caseNo(), sample.itemCode(), sample.regionCode(), 7L,
                sample.applicant(), sample.subject(), sample.acceptedAt(), sample.acceptor(), deadline, null,
                CaseStatus.ACCEPTED, sample.steps(), sample.materials(), sample.facts(), null);
        List<Finding> findings = List.of(new Finding(FindingRule.MISSING_REASON, "steps[1].reason", "no reason"),
                new Finding(FindingRule.TOO_MANY_CORRECTIONS, "steps", "3 corrections"));
        String origin = "{\"path\":[{\"node\":\"a\\\\b\"}]}";
        Instant receivedAt = Instant.parse("2026-12-07T01:02:03.456789Z");
        String batchId = UUID.randomUUID().toString();
        store.write(new CaseStore.Delivery(batchId, "store-test", PREFIX, receivedAt, null, null),
                List.of(CaseStore.Incoming.of(0, CaseSamples.javaRecord(finished, ITEM, "330303", 2), List.of(), null),
                        CaseStore.Incoming.of(1, withDeadline, findings, origin)), List.of());

        assertEquals(List.of("2|33030300AJ-CF-0003|AJ|330303|finished|2026-11-02T01:30:00Z|null|2026-11-10T01:30:00Z|0"
                + "|store-test|2026-12-07T01:02:03.456789Z"), stateRow(finished));
        assertEquals(List.of("7|33030300AJ-CF-0003|AJ|330303|accepted|2026-11-02T01:30:00Z|2026-11-30T08:00:00.123456Z|null|2"
                + "|store-test|2026-12-07T01:02:03.456789Z"), stateRow(open));
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT v.record_json,"
                + " v.origin_json, v.content_sm3, v.batch_id, v.received_at, f.data_version FROM case_version v"
                + " JOIN case_feed f ON f.case_no = v.case_no AND f.data_version = v.data_version WHERE v.case_no = ?")) {
            s.setString(1, open);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                byte[] canonical = CaseJson.bytes(withDeadline);
                assertEquals(new String(canonical, java.nio.charset.StandardCharsets.UTF_8), rs.getString(1));
                assertEquals(origin, rs.getString(2));
                assertEquals(org.govhub.signing.Sm3.hex(org.govhub.signing.Sm3.digest(canonical)), rs.getString(3));
                assertEquals(batchId, rs.getString(4));
                assertEquals(receivedAt, rs.getObject(5, java.time.OffsetDateTime.class).toInstant());
                assertEquals(7L, rs.getLong(6));
            }
        }
        assertEquals(List.of(2L), longs("select count(*) from case_finding where case_no = ?", open));
        assertEquals(List.of(0L), longs("select count(*) from case_version where case_no = ? and origin_json is not null", finished));
    }

    private List<String> stateRow(String caseNo) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT data_version,"
                + " item_code, department, region_code, status, accepted_at, promised_deadline, finished_at, finding_count,"
                + " source_client, received_at FROM case_state WHERE case_no = ?")) {
            s.setString(1, caseNo);
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getLong(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4) + "|"
                            + rs.getString(5) + "|" + instant(rs, 6) + "|" + instant(rs, 7) + "|" + instant(rs, 8) + "|"
                            + rs.getInt(9) + "|" + rs.getString(10) + "|" + instant(rs, 11));
                }
            }
            return rows;
        }
    }

    private static Instant instant(ResultSet rs, int column) throws Exception {
        java.time.OffsetDateTime value = rs.getObject(column, java.time.OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private List<Long> longs(String sql, String parameter) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (parameter != null) {
                s.setString(1, parameter);
            }
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        }
    }
}
