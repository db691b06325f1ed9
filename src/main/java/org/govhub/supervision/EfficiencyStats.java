package org.govhub.supervision;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.agroal.api.AgroalDataSource;
import jakarta.annotation.PreDestroy;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.govhub.access.Caller;
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
    private final ExecutorService groups;

    public EfficiencyStats(AgroalDataSource dataSource, HubClock clock, HubConfig config) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.workMem = config.supervision().statsWorkMem();
        if (!workMem.matches("[0-9]{1,7}(kB|MB|GB)")) {
            throw new IllegalStateException("hub.supervision.stats-work-mem " + workMem + " must be like 64MB");
        }
        int parallelism = Math.max(1, config.supervision().statsParallelism());
        AtomicInteger threads = new AtomicInteger();
        this.groups = Executors.newFixedThreadPool(parallelism, task -> {
            Thread thread = new Thread(task, "supervision-stats-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stop() {
        groups.shutdownNow();
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
     * The aggregate for a grouping. Parameters: 1 region prefix pattern ({@code 3303%}), 2 from, 3 to
     * (exclusive), 4 now (for open cases past their due time); for stage and post 5 the part kind and 6 the
     * stage or post name: those are computed one name per query (see {@link #compute}).
     */
    static String sql(GroupBy groupBy) {
        return switch (groupBy) {
            case DEPARTMENT -> caseSql("department");
            case ITEM -> caseSql("item_code");
            case STAGE, POST -> """
                    SELECT name AS group_key,
                        COUNT(*) AS accepted,
                        SUM(CASE WHEN finished_at IS NOT NULL THEN 1 ELSE 0 END) AS finished,
                        SUM(CASE WHEN finished_at IS NOT NULL AND on_time THEN 1 ELSE 0 END) AS on_time,
                        SUM(CASE WHEN (finished_at IS NOT NULL AND NOT on_time) OR (finished_at IS NULL AND due_at <= ?4)
                            THEN 1 ELSE 0 END) AS overdue,
                        AVG(working_days) AS average_days,
                        PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY working_days) AS p90_days,
                        SUM(CASE WHEN corrected THEN 1 ELSE 0 END) AS corrected
                    FROM supervision_case_part
                    WHERE kind = ?5 AND name = ?6 AND region_code LIKE ?1 AND accepted_at >= ?2 AND accepted_at < ?3
                    GROUP BY name""";
        };
    }

    /**
     * The stage or post names present, read as a loose index scan (one index probe per name) rather than by
     * reading every row: parameter 1 the part kind.
     */
    static final String PART_NAMES = """
            WITH RECURSIVE names (name) AS (
                SELECT MIN(name) FROM supervision_case_part WHERE kind = ?1
                UNION ALL
                SELECT (SELECT MIN(p.name) FROM supervision_case_part p WHERE p.kind = ?1 AND p.name > names.name)
                FROM names WHERE names.name IS NOT NULL
            )
            SELECT name FROM names WHERE name IS NOT NULL ORDER BY name""";

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
     * Department and item: one aggregate query. Stage and post: a handful of groups over many rows (every
     * case passes through each stage), so each stage or post is aggregated by its own query over its own
     * index range, {@code hub.supervision.stats-parallelism} at a time on separate connections; a name with
     * no case in the window or region gives no group, as in a GROUP BY.
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
        Object[] params = {region + "%", Timestamp.from(from == null ? NO_EARLIER : from),
            Timestamp.from(to == null ? NO_LATER : to), Timestamp.from(now), groupBy.wireName()};
        List<Group> result = groupBy.isPart() ? partGroups(groupBy, params) : query(sql(groupBy), params);
        return new Stats(groupBy.wireName(), region, from, to, now, result);
    }

    private List<Group> partGroups(GroupBy groupBy, Object[] params) {
        List<String> names;
        try (Connection c = dataSource.getConnection()) {
            names = partNames(c, groupBy);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the " + groupBy.wireName() + " names failed", e);
        }
        List<Future<List<Group>>> running = new ArrayList<>();
        for (String name : names) {
            Object[] withName = java.util.Arrays.copyOf(params, params.length + 1);
            withName[params.length] = name;
            running.add(groups.submit(() -> query(sql(groupBy), withName)));
        }
        List<Group> result = new ArrayList<>();
        try {
            for (Future<List<Group>> group : running) {
                result.addAll(group.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing statistics", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } finally {
            running.forEach(f -> f.cancel(true));
        }
        return result;
    }

    /**
     * Runs one aggregate in a read-only transaction of its own. On PostgreSQL the transaction gets
     * {@code hub.supervision.stats-work-mem}, so the percentile's sort of a group's values stays in memory.
     */
    private List<Group> query(String sql, Object[] params) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                if (c.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
                    try (Statement set = c.createStatement()) {
                        set.execute("SET LOCAL work_mem = '" + workMem + "'");
                    }
                }
                return run(c, sql, params);
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("computing statistics failed", e);
        }
    }

    /** The stage or post names present ({@link #PART_NAMES}). */
    static List<String> partNames(Connection c, GroupBy groupBy) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(jdbc(PART_NAMES))) {
            s.setString(1, groupBy.wireName());
            s.setString(2, groupBy.wireName());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
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
