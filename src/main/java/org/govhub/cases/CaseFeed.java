package org.govhub.cases;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.govhub.access.Caller;
import org.govhub.audit.AuditEntry;
import org.govhub.audit.AuditLog;
import org.govhub.common.Databases;
import org.govhub.common.HubConfig;
import org.govhub.common.RegionPrefix;
import org.govhub.common.problem.ProblemException;

/**
 * The change feed for provincial aggregation: every stored version, once, in position order, for
 * the caller's region. Positions are gap-free and become visible in order ({@link CaseStore} explains
 * why), so {@code after=<last position seen>} never skips or repeats an entry, even while pushes go on.
 * Pages and streams read the same query. A page comes from the database in one round trip; a stream runs
 * over a database cursor and never holds more than one fetch (a few hundred rows) in memory.
 */
@ApplicationScoped
public class CaseFeed {
    private static final int FETCH_SIZE = 500;
    private static final String QUERY = "SELECT f.feed_position, v.case_no, v.data_version, v.item_code, v.region_code,"
            + " v.received_at, v.source_client, v.content_sm3, v.record_json, v.origin_json FROM case_feed f"
            + " JOIN case_version v ON v.case_no = f.case_no AND v.data_version = f.data_version"
            + " WHERE f.feed_position > ? AND f.region_code LIKE ? ORDER BY f.feed_position LIMIT ?";

    private final AgroalDataSource dataSource;
    private final AuditLog audit;
    private final HubConfig.Cases config;

    public CaseFeed(AgroalDataSource dataSource, AuditLog audit, HubConfig config) {
        this.dataSource = dataSource;
        this.audit = audit;
        this.config = config.cases();
    }

    /** Receives entries as they are read. */
    public interface Sink {
        void accept(FeedEntry entry) throws java.io.IOException;
    }

    public FeedPage page(Caller caller, long after, int limit) {
        check(after, limit, config.feedPageMax());
        List<FeedEntry> entries = new ArrayList<>(Math.min(limit, 1024) + 1);
        read(caller.regionPrefix(), after, limit + 1, false, entries::add);
        boolean more = entries.size() > limit;
        if (more) {
            entries.remove(limit);
        }
        long next = entries.isEmpty() ? after : entries.get(entries.size() - 1).position();
        audit.recordSeparately(caller.clientId(), AuditEntry.of("cases.feed", "case-feed",
                "after=" + after + " limit=" + limit, "entries " + entries.size()));
        return new FeedPage(entries, next, more);
    }

    /** Checks the parameters and records the read before the stream starts; then call {@link #stream}. */
    public void openStream(Caller caller, long after, int limit) {
        check(after, limit, config.feedStreamMax());
        audit.recordSeparately(caller.clientId(), AuditEntry.of("cases.feed", "case-feed",
                "after=" + after + " limit=" + limit, "streamed"));
    }

    public void stream(RegionPrefix prefix, long after, int limit, Sink sink) {
        read(prefix, after, limit, true, sink);
    }

    private static void check(long after, int limit, int max) {
        if (after < 0) {
            throw ProblemException.invalidField("after", "must be 0 or a position from an earlier page");
        }
        if (limit < 1 || limit > max) {
            throw ProblemException.invalidField("limit", "must be between 1 and " + max);
        }
    }

    private static RawJson json(ResultSet rs, int column, boolean rawText) throws SQLException {
        return rawText ? RawJson.of(rs.getBytes(column)) : RawJson.of(rs.getString(column));
    }

    private void read(RegionPrefix prefix, long after, int limit, boolean overCursor, Sink sink) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            // PostgreSQL only uses a cursor (fetching FETCH_SIZE rows at a time) inside a transaction. A page is
            // held in memory whole anyway, and a cursor would cost it a round trip per FETCH_SIZE rows.
            if (overCursor) {
                c.setAutoCommit(false);
            }
            // pgjdbc's getBytes on a text column returns the UTF-8 bytes the server sent, without decoding them
            boolean rawText = Databases.isPostgreSql(c);
            try (PreparedStatement s = c.prepareStatement(QUERY)) {
                if (overCursor) {
                    s.setFetchSize(FETCH_SIZE);
                }
                s.setLong(1, after);
                s.setString(2, prefix.value() + "%");
                s.setInt(3, limit);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(new FeedEntry(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                                rs.getString(5), rs.getObject(6, OffsetDateTime.class).toInstant(), rs.getString(7),
                                rs.getString(8), json(rs, 9, rawText), json(rs, 10, rawText)));
                    }
                }
            } finally {
                if (!c.getAutoCommit()) {
                    c.rollback();
                }
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the change feed failed", e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("the feed reader went away", e);
        }
    }
}
