package org.govhub.cases;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.govhub.audit.AuditEntry;
import org.govhub.audit.AuditLog;
import org.govhub.common.Databases;
import org.govhub.common.RegionPrefix;
import org.govhub.common.problem.FieldError;
import org.govhub.signing.Sm3;

/**
 * Writes a batch of checked records in one transaction with a handful of statements, so a record
 * is either stored whole (version, current state, findings, feed position) or not at all. New rows go
 * in with COPY on PostgreSQL (no statement to parse and bind per row) and as JDBC batches on H2.
 *
 * <h2>Feed positions and why a reader can never skip one</h2>
 * An identity column is not a safe feed cursor: transaction A takes id 10, B takes 11, B commits
 * first, a reader serves 11 and moves its cursor past 10, which A then commits — lost for that
 * reader. Here positions are not taken when rows are inserted but handed out at the very end of the
 * transaction, under the row lock on {@code case_feed_head}, which is then held until commit. So the
 * transaction holding positions p..q is the only one that can commit between taking the lock and
 * releasing it, every later transaction gets positions above q and can only take them after this
 * commit is visible (PostgreSQL releases row locks after the commit is visible to new snapshots).
 * Positions therefore become visible in increasing order with no holes: whoever sees position q sees
 * every position below it, and a reader paging with {@code feed_position > cursor} neither skips nor
 * repeats. A rolled-back transaction also rolls back the head, so its positions are reused, not lost.
 * The lock is held only for the last few statements (the feed rows and the commit), so concurrent
 * batches still write their versions in parallel. Lock order is always: case rows (sorted by case
 * number), then the audit chain head, then the feed head; no two pushes can deadlock on the heads.
 */
@ApplicationScoped
public class CaseStore {
    private static final int IN_LIST = 500;

    private final AgroalDataSource dataSource;
    private final AuditLog audit;
    private final Instance<CaseBatchListener> listeners;

    public CaseStore(AgroalDataSource dataSource, AuditLog audit, Instance<CaseBatchListener> listeners) {
        this.dataSource = dataSource;
        this.audit = audit;
        this.listeners = listeners;
    }

    /**
     * Who delivers a batch and when; {@code pulled} names the downstream hub whose feed it came from
     * (null for a push), and {@code inTransaction} is that one delivery's own {@link CaseBatchListener}.
     */
    record Delivery(String batchId, String clientId, RegionPrefix prefix, Instant receivedAt, String pulled,
            CaseBatchListener inTransaction, boolean crossedGap) {
        Delivery(String batchId, String clientId, RegionPrefix prefix, Instant receivedAt, String pulled,
                CaseBatchListener inTransaction) {
            this(batchId, clientId, prefix, receivedAt, pulled, inTransaction, false);
        }
    }

    /**
     * A record that passed every check, ready to store: its canonical JSON (UTF-8), digest, findings, and
     * the origin JSON (the path it travelled, this node last), which is kept beside the record, not in it.
     */
    record Incoming(int index, CaseRecord record, byte[] utf8, String sm3, List<Finding> findings, String originJson) {
        static Incoming of(int index, CaseRecord record, List<Finding> findings, String originJson) {
            byte[] json = CaseJson.bytes(record);
            return new Incoming(index, record, json, Sm3.hex(Sm3.digest(json)), findings, originJson);
        }

        String caseNo() {
            return record.caseNo().value();
        }

        long dataVersion() {
            return record.dataVersion();
        }
    }

    /** The current state of a case as the batch sees it while deciding outcomes. */
    private record Current(long dataVersion, String sm3, String regionCode) {
    }

    /**
     * Decides each record's outcome against the stored cases (locked for the rest of the
     * transaction), writes what is new, records one audit row for the batch, and takes feed positions.
     * A unique-key violation or deadlock against a concurrent batch surfaces as {@link WriteConflict};
     * the caller retries the whole batch, whose outcomes are then decided afresh.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<RecordOutcome> write(Delivery delivery, List<Incoming> batch, List<RecordOutcome> rejectedEarlier) {
        String batchId = delivery.batchId();
        String clientId = delivery.clientId();
        RegionPrefix prefix = delivery.prefix();
        Instant receivedAt = delivery.receivedAt();
        try (Connection c = dataSource.getConnection()) {
            Map<String, Current> stored = lockCurrent(c, batch);
            Map<String, Current> before = new HashMap<>(stored);
            List<RecordOutcome> outcomes = new ArrayList<>(rejectedEarlier);
            List<Incoming> toStore = new ArrayList<>();
            Map<String, Incoming> newest = new LinkedHashMap<>();
            for (Incoming in : batch) {
                RecordOutcome outcome = decide(in, stored.get(in.caseNo()), prefix);
                if (outcome.outcome().wrote()) {
                    stored.put(in.caseNo(), new Current(in.dataVersion(), in.sm3(), in.record().regionCode().value()));
                    toStore.add(in);
                    newest.put(in.caseNo(), in);
                }
                outcomes.add(outcome);
            }
            toStore.sort(Comparator.comparing(Incoming::caseNo).thenComparingLong(Incoming::dataVersion));
            List<Incoming> created = new ArrayList<>();
            List<Incoming> updated = new ArrayList<>();
            newest.values().stream().sorted(Comparator.comparing(Incoming::caseNo))
                    .forEach(in -> (before.containsKey(in.caseNo()) ? updated : created).add(in));
            insertStates(c, created, clientId, receivedAt);
            updateStates(c, updated, clientId, receivedAt);
            insertVersions(c, toStore, clientId, receivedAt, batchId);
            insertFindings(c, toStore, receivedAt);
            notifyListeners(c, delivery, toStore);
            outcomes.sort(Comparator.comparingInt(RecordOutcome::index));
            BatchResult totals = BatchResult.of(batchId, receivedAt, outcomes);
            audit.recordAs(clientId, AuditEntry.of("cases.push", "case-batch", batchId, totals.summary())
                    .withRequestSm3(digest(outcomes, batch)));
            appendToFeed(c, toStore);
            return outcomes;
        } catch (SQLException e) {
            throw WriteConflict.isConflict(e) ? new WriteConflict(e) : new IllegalStateException("case batch write failed", e);
        }
    }

    /** Runs the batch listeners (outbox, freshness, feed cursor) on this transaction's connection. */
    private void notifyListeners(Connection c, Delivery delivery, List<Incoming> stored) throws SQLException {
        CaseBatchListener.StoredBatch batch = new CaseBatchListener.StoredBatch(delivery.batchId(), delivery.clientId(), delivery.prefix(),
                delivery.receivedAt(), delivery.pulled(), stored.stream().map(in -> new CaseBatchListener.StoredVersion(
                        in.caseNo(), in.dataVersion(), in.record().regionCode().value(), in.utf8(), in.originJson())).toList(),
                delivery.crossedGap());
        for (CaseBatchListener listener : listeners) {
            listener.stored(c, batch);
        }
        if (delivery.inTransaction() != null) {
            delivery.inTransaction().stored(c, batch);
        }
    }

    /**
     * SM3 over one line per record ({@code index caseNo dataVersion outcome contentSm3}), so the single
     * audit row of a batch pins down exactly which versions it stored and what it answered.
     */
    private static String digest(List<RecordOutcome> outcomes, List<Incoming> batch) {
        Map<Integer, String> sm3 = new HashMap<>();
        batch.forEach(in -> sm3.put(in.index(), in.sm3()));
        StringBuilder lines = new StringBuilder();
        for (RecordOutcome o : outcomes) {
            lines.append(o.index()).append(' ').append(o.caseNo()).append(' ').append(o.dataVersion()).append(' ')
                    .append(o.outcome().wireName()).append(' ').append(sm3.getOrDefault(o.index(), "-")).append('\n');
        }
        return Sm3.hex(Sm3.digest(lines.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static RecordOutcome decide(Incoming in, Current current, RegionPrefix prefix) {
        String caseNo = in.caseNo();
        long version = in.dataVersion();
        List<FindingRule> rules = in.findings().stream().map(Finding::rule).distinct().toList();
        if (current == null) {
            return new RecordOutcome(in.index(), caseNo, version, PushOutcome.CREATED, version, rules, List.of());
        }
        if (!prefix.covers(current.regionCode())) {
            return RecordOutcome.rejected(in.index(), caseNo, version, List.of(new FieldError(
                    "records[" + in.index() + "].caseNo", "case number " + caseNo
                            + " is already held for a region outside this client's region prefix " + prefix.value())));
        }
        if (version > current.dataVersion()) {
            return new RecordOutcome(in.index(), caseNo, version, PushOutcome.UPDATED, version, rules, List.of());
        }
        if (version < current.dataVersion()) {
            return new RecordOutcome(in.index(), caseNo, version, PushOutcome.STALE, current.dataVersion(), List.of(), List.of());
        }
        if (in.sm3().equals(current.sm3())) {
            return new RecordOutcome(in.index(), caseNo, version, PushOutcome.UNCHANGED, version, List.of(), List.of());
        }
        return RecordOutcome.rejected(in.index(), caseNo, version, List.of(new FieldError(
                "records[" + in.index() + "].dataVersion", "version " + version + " of case " + caseNo
                        + " is already stored with different content; a changed record needs a higher dataVersion")));
    }

    private Map<String, Current> lockCurrent(Connection c, List<Incoming> batch) throws SQLException {
        List<String> caseNos = new ArrayList<>(new TreeSet<>(batch.stream().map(Incoming::caseNo).toList()));
        Map<String, Current> found = new HashMap<>();
        for (int from = 0; from < caseNos.size(); from += IN_LIST) {
            List<String> chunk = caseNos.subList(from, Math.min(caseNos.size(), from + IN_LIST));
            String sql = "SELECT case_no, data_version, content_sm3, region_code FROM case_state WHERE case_no IN ("
                    + String.join(",", Collections.nCopies(chunk.size(), "?")) + ") ORDER BY case_no FOR UPDATE";
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    s.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        found.put(rs.getString(1), new Current(rs.getLong(2), rs.getString(3), rs.getString(4)));
                    }
                }
            }
        }
        return found;
    }

    private static final String STATE_COLUMNS = "data_version, item_code, department, region_code, status, content_sm3,"
            + " source_client, received_at, accepted_at, promised_deadline, finished_at, finding_count";

    private void insertStates(Connection c, List<Incoming> rows, String clientId, Instant receivedAt) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        if (Databases.isPostgreSql(c)) {
            CopyRows copy = new CopyRows(rows.size() * 256);
            String received = receivedAt.toString();
            for (Incoming in : rows) {
                CaseRecord r = in.record();
                copy.number(r.dataVersion()).text(r.itemCode().toString()).text(r.itemCode().department())
                        .text(r.regionCode().value()).text(r.status().wireName()).text(in.sm3()).text(clientId).text(received)
                        .instant(r.acceptedAt()).instant(r.promisedDeadline())
                        .instant(r.result() == null ? null : r.result().finishedAt()).number(in.findings().size())
                        .text(in.caseNo())
                        .endRow();
            }
            copy.copyInto(c, "case_state (" + STATE_COLUMNS + ", case_no)", rows.size());
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO case_state (" + STATE_COLUMNS
                + ", case_no) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Incoming in : rows) {
                bindState(s, in, clientId, receivedAt);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private void updateStates(Connection c, List<Incoming> rows, String clientId, Instant receivedAt) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE case_state SET data_version = ?, item_code = ?,"
                + " department = ?, region_code = ?, status = ?, content_sm3 = ?, source_client = ?, received_at = ?,"
                + " accepted_at = ?, promised_deadline = ?, finished_at = ?, finding_count = ? WHERE case_no = ?")) {
            for (Incoming in : rows) {
                bindState(s, in, clientId, receivedAt);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static void bindState(PreparedStatement s, Incoming in, String clientId, Instant receivedAt) throws SQLException {
        CaseRecord r = in.record();
        s.setLong(1, r.dataVersion());
        s.setString(2, r.itemCode().toString());
        s.setString(3, r.itemCode().department());
        s.setString(4, r.regionCode().value());
        s.setString(5, r.status().wireName());
        s.setString(6, in.sm3());
        s.setString(7, clientId);
        s.setObject(8, timestamp(receivedAt));
        s.setObject(9, timestamp(r.acceptedAt()));
        setTimestamp(s, 10, r.promisedDeadline());
        setTimestamp(s, 11, r.result() == null ? null : r.result().finishedAt());
        s.setInt(12, in.findings().size());
        s.setString(13, in.caseNo());
    }

    private static final String VERSION_COLUMNS = "case_version (case_no, data_version, item_code, region_code, status,"
            + " content_sm3, record_json, source_client, received_at, batch_id, origin_json)";

    /**
     * On PostgreSQL the versions go in with COPY: the canonical JSON leaves as the UTF-8 bytes it already
     * is, and the server neither parses a statement nor binds parameters per row. H2 gets a JDBC batch.
     */
    private void insertVersions(Connection c, List<Incoming> rows, String clientId, Instant receivedAt, String batchId)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        if (Databases.isPostgreSql(c)) {
            copyVersions(c, rows, clientId, receivedAt, batchId);
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + VERSION_COLUMNS
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Incoming in : rows) {
                CaseRecord r = in.record();
                s.setString(1, in.caseNo());
                s.setLong(2, in.dataVersion());
                s.setString(3, r.itemCode().toString());
                s.setString(4, r.regionCode().value());
                s.setString(5, r.status().wireName());
                s.setString(6, in.sm3());
                s.setString(7, new String(in.utf8(), StandardCharsets.UTF_8));
                s.setString(8, clientId);
                s.setObject(9, timestamp(receivedAt));
                s.setString(10, batchId);
                s.setString(11, in.originJson());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static void copyVersions(Connection c, List<Incoming> rows, String clientId, Instant receivedAt, String batchId)
            throws SQLException {
        CopyRows copy = new CopyRows(rows.stream().mapToInt(in -> in.utf8().length + 512).sum());
        String received = receivedAt.toString();
        for (Incoming in : rows) {
            CaseRecord r = in.record();
            copy.text(in.caseNo()).number(in.dataVersion()).text(r.itemCode().toString()).text(r.regionCode().value())
                    .text(r.status().wireName()).text(in.sm3()).utf8(in.utf8()).text(clientId).text(received)
                    .text(batchId).text(in.originJson())
                    .endRow();
        }
        copy.copyInto(c, VERSION_COLUMNS, rows.size());
    }

    private void insertFindings(Connection c, List<Incoming> rows, Instant foundAt) throws SQLException {
        if (rows.stream().allMatch(in -> in.findings().isEmpty())) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO case_finding (case_no, data_version, rule, field,"
                + " detail, item_code, department, region_code, found_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Incoming in : rows) {
                for (Finding f : in.findings()) {
                    CaseRecord r = in.record();
                    s.setString(1, in.caseNo());
                    s.setLong(2, in.dataVersion());
                    s.setString(3, f.rule().wireName());
                    s.setString(4, clip(f.field(), 200));
                    s.setString(5, clip(f.detail(), 1000));
                    s.setString(6, r.itemCode().toString());
                    s.setString(7, r.itemCode().department());
                    s.setString(8, r.regionCode().value());
                    s.setObject(9, timestamp(foundAt));
                    s.addBatch();
                }
            }
            s.executeBatch();
        }
    }

    /** Takes the next positions under the feed-head lock, held from here until commit (see the class comment). */
    private void appendToFeed(Connection c, List<Incoming> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        long last;
        try (PreparedStatement s = c.prepareStatement("SELECT last_position FROM case_feed_head WHERE id = 1 FOR UPDATE");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            last = rs.getLong(1);
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE case_feed_head SET last_position = ? WHERE id = 1")) {
            s.setLong(1, last + rows.size());
            s.executeUpdate();
        }
        if (Databases.isPostgreSql(c)) {
            CopyRows copy = new CopyRows(rows.size() * 64);
            long position = last;
            for (Incoming in : rows) {
                copy.number(++position).text(in.caseNo()).number(in.dataVersion()).text(in.record().regionCode().value()).endRow();
            }
            copy.copyInto(c, "case_feed (feed_position, case_no, data_version, region_code)", rows.size());
            return;
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO case_feed (feed_position, case_no, data_version, region_code) VALUES (?, ?, ?, ?)")) {
            long position = last;
            for (Incoming in : rows) {
                s.setLong(1, ++position);
                s.setString(2, in.caseNo());
                s.setLong(3, in.dataVersion());
                s.setString(4, in.record().regionCode().value());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static void setTimestamp(PreparedStatement s, int index, Instant instant) throws SQLException {
        if (instant == null) {
            s.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            s.setObject(index, timestamp(instant));
        }
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** A concurrent batch won a race for the same new case, or the database broke a deadlock: retry. */
    static final class WriteConflict extends RuntimeException {
        WriteConflict(SQLException cause) {
            super("concurrent batch conflict: " + cause.getMessage(), cause);
        }

        static boolean isConflict(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SQLException sql && sql.getSQLState() != null) {
                    String state = sql.getSQLState();
                    // unique violation (PostgreSQL 23505, H2 23505), serialization failure, deadlock, H2 lock timeout
                    if (state.equals("23505") || state.equals("40001") || state.equals("40P01") || state.equals("HYT00")) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
