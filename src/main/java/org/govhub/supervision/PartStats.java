package org.govhub.supervision;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Efficiency statistics by stage or post from the period buckets ({@code supervision_part_period}, one row
 * per kind, name, region code and 10-day period of acceptance, kept equal to the rows of
 * {@code supervision_case_part} by {@link PartBuckets}), so a request adds a few thousand bucket rows
 * instead of aggregating one row per case and stage. The answer is the same as the aggregate over the
 * rows, exactly:
 *
 * <ul>
 *   <li>the periods wholly inside [from, to) come from the buckets, the partial periods at the window's
 *       edges (less than 10 days each) from the rows;
 *   <li>an open case is overdue once its due instant has passed, which depends on the time of the request: a
 *       bucket whose latest open due instant has passed counts all its open rows with a due instant; from
 *       the first bucket that has not, the open rows are counted one by one;
 *   <li>the 90th percentile (linear interpolation, as {@code percentile_cont}) needs the values at ranks
 *       ⌊0.9 (n − 1)⌋ and ⌈0.9 (n − 1)⌉: n comes from the buckets, and the two values are read from the rows'
 *       index (kind, name, working days, …) downwards from the largest, i.e. the top tenth of the group.
 * </ul>
 *
 * <p>All statements must run in one repeatable-read transaction (the caller's), so buckets and rows are
 * read in the same snapshot.
 */
final class PartStats {
    /** Length of a bucket period in seconds of acceptance time (10 days). */
    static final long PERIOD_SECONDS = 864_000;

    private PartStats() {
    }

    /** The period an acceptance instant falls in. */
    static long period(Instant acceptedAt) {
        return Math.floorDiv(acceptedAt.getEpochSecond(), PERIOD_SECONDS);
    }

    static Instant periodStart(long period) {
        return Instant.ofEpochSecond(period * PERIOD_SECONDS);
    }

    /** The first period starting at or after the instant. */
    static long firstPeriodFrom(Instant instant) {
        long period = period(instant);
        return periodStart(period).equals(instant) ? period : period + 1;
    }

    private static final class Totals {
        long accepted;
        long finished;
        long onTime;
        long overdue;
        long timed;
        double timedDays;
        long corrected;
    }

    static List<EfficiencyStats.Group> compute(Connection c, String kind, String region, Instant from, Instant to,
            Instant now) throws SQLException {
        String pattern = region + "%";
        Timestamp at = Timestamp.from(now);
        Map<String, Totals> totals = new TreeMap<>();
        long first = firstPeriodFrom(from);
        long end = period(to);
        if (first >= end) {
            rows(c, totals, kind, pattern, from, to, at);
        } else {
            rows(c, totals, kind, pattern, from, periodStart(first), at);
            long pending = firstPendingPeriod(c, kind, pattern, first, end, at);
            buckets(c, totals, kind, pattern, first, end, pending, at);
            openOverdue(c, totals, kind, pattern, periodStart(pending), periodStart(end), at);
            rows(c, totals, kind, pattern, periodStart(end), to, at);
        }
        List<EfficiencyStats.Group> groups = new ArrayList<>();
        for (Map.Entry<String, Totals> entry : totals.entrySet()) {
            Totals t = entry.getValue();
            if (t.accepted == 0) {
                continue;
            }
            Double average = t.timed == 0 ? null : t.timedDays / t.timed;
            Double p90 = t.timed == 0 ? null : p90(c, kind, entry.getKey(), pattern, from, to, t.timed);
            groups.add(new EfficiencyStats.Group(entry.getKey(), t.accepted, t.finished, t.onTime, t.overdue, average,
                    p90, (double) t.corrected / t.accepted));
        }
        return groups;
    }

    /** The first period in [first, end) with an open row whose due instant has not passed; end if none. */
    private static long firstPendingPeriod(Connection c, String kind, String pattern, long first, long end,
            Timestamp now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT MIN(period) FROM supervision_part_period
                WHERE kind = ? AND region_code LIKE ? AND period >= ? AND period < ? AND open_due_max > ?""")) {
            s.setString(1, kind);
            s.setString(2, pattern);
            s.setLong(3, first);
            s.setLong(4, end);
            s.setTimestamp(5, now);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                long pending = rs.getLong(1);
                return rs.wasNull() ? end : pending;
            }
        }
    }

    private static void buckets(Connection c, Map<String, Totals> totals, String kind, String pattern, long first,
            long end, long pending, Timestamp now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT name, SUM(accepted), SUM(finished), SUM(on_time),
                    SUM(late) + SUM(CASE WHEN period < ? THEN open_due ELSE 0 END), SUM(timed), SUM(timed_days),
                    SUM(corrected)
                FROM supervision_part_period
                WHERE kind = ? AND region_code LIKE ? AND period >= ? AND period < ?
                GROUP BY name""")) {
            s.setLong(1, pending);
            s.setString(2, kind);
            s.setString(3, pattern);
            s.setLong(4, first);
            s.setLong(5, end);
            try (ResultSet rs = s.executeQuery()) {
                add(totals, rs);
            }
        }
    }

    /** Every figure from the rows accepted in [from, to). */
    private static void rows(Connection c, Map<String, Totals> totals, String kind, String pattern, Instant from,
            Instant to, Timestamp now) throws SQLException {
        if (!from.isBefore(to)) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("""
                SELECT name, COUNT(*),
                    SUM(CASE WHEN finished_at IS NOT NULL THEN 1 ELSE 0 END),
                    SUM(CASE WHEN finished_at IS NOT NULL AND on_time THEN 1 ELSE 0 END),
                    SUM(CASE WHEN (finished_at IS NOT NULL AND NOT on_time) OR (finished_at IS NULL AND due_at <= ?)
                        THEN 1 ELSE 0 END),
                    SUM(CASE WHEN working_days IS NOT NULL THEN 1 ELSE 0 END),
                    COALESCE(SUM(working_days), 0),
                    SUM(CASE WHEN corrected THEN 1 ELSE 0 END)
                FROM supervision_case_part
                WHERE kind = ? AND accepted_at >= ? AND accepted_at < ? AND region_code LIKE ?
                GROUP BY name""")) {
            s.setTimestamp(1, now);
            s.setString(2, kind);
            s.setTimestamp(3, Timestamp.from(from));
            s.setTimestamp(4, Timestamp.from(to));
            s.setString(5, pattern);
            try (ResultSet rs = s.executeQuery()) {
                add(totals, rs);
            }
        }
    }

    /** Open rows accepted in [from, to) whose due instant has passed. */
    private static void openOverdue(Connection c, Map<String, Totals> totals, String kind, String pattern,
            Instant from, Instant to, Timestamp now) throws SQLException {
        if (!from.isBefore(to)) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("""
                SELECT name, COUNT(*) FROM supervision_case_part
                WHERE kind = ? AND accepted_at >= ? AND accepted_at < ? AND region_code LIKE ?
                    AND finished_at IS NULL AND due_at <= ?
                GROUP BY name""")) {
            s.setString(1, kind);
            s.setTimestamp(2, Timestamp.from(from));
            s.setTimestamp(3, Timestamp.from(to));
            s.setString(4, pattern);
            s.setTimestamp(5, now);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    totals.computeIfAbsent(rs.getString(1), k -> new Totals()).overdue += rs.getLong(2);
                }
            }
        }
    }

    private static void add(Map<String, Totals> totals, ResultSet rs) throws SQLException {
        while (rs.next()) {
            Totals t = totals.computeIfAbsent(rs.getString(1), k -> new Totals());
            t.accepted += rs.getLong(2);
            t.finished += rs.getLong(3);
            t.onTime += rs.getLong(4);
            t.overdue += rs.getLong(5);
            t.timed += rs.getLong(6);
            t.timedDays += rs.getDouble(7);
            t.corrected += rs.getLong(8);
        }
    }

    /**
     * {@code percentile_cont(0.9)} of the group's n working days: the values at ascending ranks ⌊0.9 (n − 1)⌋
     * and ⌈0.9 (n − 1)⌉ (0-based), read in descending order from the group index, which holds the working
     * days right after kind and name; null if the rows no longer hold n values.
     */
    static Double p90(Connection c, String kind, String name, String pattern, Instant from, Instant to, long n)
            throws SQLException {
        double position = 0.9 * (n - 1);
        long lower = (long) Math.floor(position);
        long upper = (long) Math.ceil(position);
        List<Double> values = new ArrayList<>(2);
        try (PreparedStatement s = c.prepareStatement("""
                SELECT working_days FROM supervision_case_part
                WHERE kind = ? AND name = ? AND working_days IS NOT NULL AND region_code LIKE ?
                    AND accepted_at >= ? AND accepted_at < ?
                ORDER BY working_days DESC
                OFFSET ? ROWS FETCH NEXT ? ROWS ONLY""")) {
            s.setString(1, kind);
            s.setString(2, name);
            s.setString(3, pattern);
            s.setTimestamp(4, Timestamp.from(from));
            s.setTimestamp(5, Timestamp.from(to));
            s.setLong(6, n - 1 - upper);
            s.setInt(7, (int) (upper - lower + 1));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getDouble(1));
                }
            }
        }
        if (values.size() < upper - lower + 1) {
            return null;
        }
        double high = values.get(0);
        double low = values.get(values.size() - 1);
        return low + (high - low) * (position - lower);
    }
}
