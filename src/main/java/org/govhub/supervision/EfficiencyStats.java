package org.govhub.supervision;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.govhub.access.Caller;
import org.govhub.common.Databases;
import org.govhub.common.HubClock;
import org.govhub.common.HubConfig;
import org.govhub.common.QueryParams;
import org.govhub.common.problem.ProblemException;

/**
 * Efficiency statistics (行政效能统计) per department, item, stage or post, computed by one aggregate query
 * over the supervision view of the cases: nothing is loaded into memory. Cases count by their acceptance
 * time in [from, to); the region is bound to the caller's.
 *
 * <ul>
 *   <li>{@code accepted}: cases accepted in the window (for a stage or post: such cases that went through it);
 *   <li>{@code finished}, {@code onTime}: finished, and finished within the promised working days;
 *   <li>{@code overdue}: finished late, or still open after the promised time ran out (as of now);
 *   <li>{@code averageWorkingDays}, {@code p90WorkingDays}: handling time of the finished cases in working
 *       days, pauses left out (for a stage or post: the time its ended steps took), 90th percentile by
 *       linear interpolation ({@code percentile_cont});
 *   <li>{@code correctionRate}: share of the cases with a correction (补正) (for a stage or post: asked
 *       for there).
 * </ul>
 */
@ApplicationScoped
public class EfficiencyStats {
    static final Instant NO_EARLIER = Instant.parse("1900-01-01T00:00:00Z");
    static final Instant NO_LATER = Instant.parse("9999-01-01T00:00:00Z");

    private final AgroalDataSource dataSource;
    private final HubClock clock;
    private final String workMem;

    public EfficiencyStats(AgroalDataSource dataSource, HubClock clock, HubConfig config) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.workMem = config.supervision().statsWorkMem();
        if (!workMem.matches("[0-9]{1,7}(kB|MB|GB)")) {
            throw new IllegalStateException("hub.supervision.stats-work-mem " + workMem + " must be like 64MB");
        }
    }

    public enum GroupBy implements WireName {
        DEPARTMENT("department"), ITEM("item"), STAGE("stage"), POST("post");

        private final String wireName;

        GroupBy(String wireName) {
            this.wireName = wireName;
        }

        @Override
        public String wireName() {
            return wireName;
        }

        public static GroupBy parse(String text) {
            return WireName.parse(GroupBy.class, "groupBy", "grouping", text);
        }

        boolean isPart() {
            return this == STAGE || this == POST;
        }
    }

    public record Group(String key, long accepted, long finished, long onTime, long overdue, Double averageWorkingDays,
            Double p90WorkingDays, double correctionRate) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Stats(String groupBy, String region, Instant from, Instant to, Instant computedAt, List<Group> groups) {
    }

    /**
     * The aggregate for department or item. Parameters: 1 region prefix pattern ({@code 3303%}), 2 from,
     * 3 to (exclusive), 4 now (for open cases past their due time).
     */
    static String sql(GroupBy groupBy) {
        return switch (groupBy) {
            case DEPARTMENT -> caseSql("department");
            case ITEM -> caseSql("item_code");
            case STAGE, POST -> throw new IllegalArgumentException("stage and post are computed by partStats");
        };
    }

    private static String caseSql(String column) {
        return """
                SELECT %1$s AS group_key,
                    COUNT(*) AS accepted,
                    SUM(CASE WHEN finished_at IS NOT NULL THEN 1 ELSE 0 END) AS finished,
                    SUM(CASE WHEN finished_at IS NOT NULL AND on_time THEN 1 ELSE 0 END) AS on_time,
                    SUM(CASE WHEN (finished_at IS NOT NULL AND NOT on_time) OR (finished_at IS NULL AND due_at <= ?4)
                        THEN 1 ELSE 0 END) AS overdue,
                    AVG(handling_working_days) AS average_days,
                    PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY handling_working_days) AS p90_days,
                    SUM(CASE WHEN correction_count > 0 THEN 1 ELSE 0 END) AS corrected
                FROM supervision_case
                WHERE region_code LIKE ?1 AND accepted_at >= ?2 AND accepted_at < ?3
                GROUP BY %1$s
                ORDER BY %1$s""".formatted(column);
    }

    /**
     * Department and item: one aggregate query over the case rows. Stage and post: the period buckets
     * ({@link PartStats}), in one repeatable-read transaction.
     */
    public Stats compute(Caller caller, String groupByText, String fromText, String toText, String regionText) {
        if (groupByText == null || groupByText.isBlank()) {
            throw ProblemException.invalidField("groupBy", "is required: department, item, stage or post");
        }
        GroupBy groupBy = GroupBy.parse(groupByText);
        Instant from = QueryParams.instant("from", fromText);
        Instant to = QueryParams.instant("to", toText);
        if (from != null && to != null && !from.isBefore(to)) {
            throw ProblemException.invalidField("to", "must be after from");
        }
        String region = RegionFilter.of(caller, regionText);
        Instant now = clock.instant();
        Instant windowFrom = from == null ? NO_EARLIER : from;
        Instant windowTo = to == null ? NO_LATER : to;
        List<Group> result = groupBy.isPart()
                ? query(c -> PartStats.compute(c, groupBy.wireName(), region, windowFrom, windowTo, now))
                : query(c -> run(c, sql(groupBy), new Object[] {region + "%", Timestamp.from(windowFrom),
                    Timestamp.from(windowTo), Timestamp.from(now)}));
        return new Stats(groupBy.wireName(), region, from, to, now, result);
    }

    interface Work {
        List<Group> on(Connection c) throws SQLException;
    }

    /**
     * Runs the statistics in a repeatable-read transaction of their own, so every statement sees the same
     * snapshot. On PostgreSQL the transaction gets {@code hub.supervision.stats-work-mem}, so the percentile's
     * sort of a group's values stays in memory, and custom plans only (the parameters decide the plan).
     */
    private List<Group> query(Work work) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            int isolation = c.getTransactionIsolation();
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                if (Databases.isPostgreSql(c)) {
                    try (Statement set = c.createStatement()) {
                        set.execute("SET LOCAL work_mem = '" + workMem + "'");
                        // a plan for the actual values: a generic plan of the percentile query (prepared
                        // statements switch to one after five runs) sorts the whole stage instead of reading
                        // the top tenth of its index
                        set.execute("SET LOCAL plan_cache_mode = force_custom_plan");
                    }
                }
                return work.on(c);
            } finally {
                c.rollback();
                c.setTransactionIsolation(isolation);
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("computing statistics failed", e);
        }
    }

    /** Runs an aggregate of {@link #sql} on the connection; {@code params} are indexed by the ?N numbers. */
    static List<Group> run(Connection c, String sql, Object[] params) throws SQLException {
        List<Group> result = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(jdbc(sql))) {
            int[] order = parameterOrder(sql);
            for (int i = 0; i < order.length; i++) {
                s.setObject(i + 1, params[order[i] - 1]);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Object[] row = new Object[8];
                    for (int i = 0; i < row.length; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    result.add(group(row));
                }
            }
        }
        return result;
    }

    /** The numbered parameters ({@code ?4}) in the order they appear, for plain JDBC placeholders. */
    static int[] parameterOrder(String sql) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\?(\\d+)").matcher(sql);
        List<Integer> order = new ArrayList<>();
        while (m.find()) {
            order.add(Integer.parseInt(m.group(1)));
        }
        return order.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The statement with plain {@code ?} placeholders. */
    static String jdbc(String sql) {
        return sql.replaceAll("\\?\\d+", "?");
    }

    static Group group(Object[] row) {
        long accepted = ((Number) row[1]).longValue();
        long corrected = ((Number) row[7]).longValue();
        return new Group((String) row[0], accepted, ((Number) row[2]).longValue(), ((Number) row[3]).longValue(),
                ((Number) row[4]).longValue(), row[5] == null ? null : ((Number) row[5]).doubleValue(),
                row[6] == null ? null : ((Number) row[6]).doubleValue(),
                accepted == 0 ? 0 : (double) corrected / accepted);
    }
}
