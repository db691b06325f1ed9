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
