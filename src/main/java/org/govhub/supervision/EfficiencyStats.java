package org.govhub.supervision;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import org.govhub.access.Caller;
import org.govhub.common.HubClock;
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

    private final EntityManager em;
    private final HubClock clock;

    public EfficiencyStats(EntityManager em, HubClock clock) {
        this.em = em;
        this.clock = clock;
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
    }

    public record Group(String key, long accepted, long finished, long onTime, long overdue, Double averageWorkingDays,
            Double p90WorkingDays, double correctionRate) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Stats(String groupBy, String region, Instant from, Instant to, Instant computedAt, List<Group> groups) {
    }

    /**
     * The query for a grouping. Parameters: 1 region prefix pattern ({@code 3303%}), 2 from, 3 to (exclusive),
     * 4 now (for open cases past their due time), and for stage and post 5 the part kind.
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
                    WHERE kind = ?5 AND region_code LIKE ?1 AND accepted_at >= ?2 AND accepted_at < ?3
                    GROUP BY name
                    ORDER BY name""";
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

    @Transactional
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
        var query = em.createNativeQuery(sql(groupBy))
                .setParameter(1, region + "%")
                .setParameter(2, from == null ? NO_EARLIER : from)
                .setParameter(3, to == null ? NO_LATER : to)
                .setParameter(4, now);
        if (groupBy == GroupBy.STAGE || groupBy == GroupBy.POST) {
            query.setParameter(5, groupBy.wireName());
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return new Stats(groupBy.wireName(), region, from, to, now, rows.stream().map(EfficiencyStats::group).toList());
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
