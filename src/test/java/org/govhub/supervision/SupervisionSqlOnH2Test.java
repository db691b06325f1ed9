package org.govhub.supervision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The default build runs on embedded H2 (MODE=PostgreSQL): the supervision migrations, the idempotent alert
 * insert and every statistics query must work there too, not only on PostgreSQL.
 */
class SupervisionSqlOnH2Test {
    private static final String URL = "jdbc:h2:mem:supervision-sql;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
            + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    private static Connection connection;

    @BeforeAll
    static void migrate() throws Exception {
        // up to the supervision view, then the rows, then the rest: V52 builds the stage and post buckets
        // from the rows already there
        Flyway.configure().dataSource(URL, "sa", "").locations("classpath:db/migration").target("51").load().migrate();
        connection = DriverManager.getConnection(URL, "sa", "");
        execute("INSERT INTO supervision_case (case_no, data_version, item_code, department, region_code, status,"
                + " accepted_at, finished_at, promised_working_days, due_at, handling_working_days, on_time,"
                + " correction_count, pauses, deadline_level, updated_at) VALUES"
                + " ('A', 1, '33030300AJ-XK-0001', '33030300AJ', '330303', 'finished', TIMESTAMP WITH TIME ZONE"
                + " '2026-03-02 09:00:00+08', TIMESTAMP WITH TIME ZONE '2026-03-04 09:00:00+08', 5, NULL, 2.0, TRUE, 1, '[]',"
                + " 'none', CURRENT_TIMESTAMP),"
                + " ('B', 1, '33030300AJ-XK-0001', '33030300AJ', '330303', 'finished', TIMESTAMP WITH TIME ZONE"
                + " '2026-03-02 09:00:00+08', TIMESTAMP WITH TIME ZONE '2026-03-12 09:00:00+08', 5, NULL, 8.0, FALSE, 0, '[]',"
                + " 'red', CURRENT_TIMESTAMP),"
                + " ('C', 1, '33030300GS-XK-0002', '33030300GS', '330303', 'handling', TIMESTAMP WITH TIME ZONE"
                + " '2026-03-02 09:00:00+08', NULL, 5, TIMESTAMP WITH TIME ZONE '2026-03-09 09:00:00+08', NULL, NULL, 0,"
                + " '[]', 'red', CURRENT_TIMESTAMP)");
        execute("INSERT INTO supervision_case_part (case_no, kind, name, working_days, corrected, region_code,"
                + " accepted_at, finished_at, on_time, due_at) VALUES"
                + " ('A', 'stage', '审查', 1.5, TRUE, '330303', TIMESTAMP WITH TIME ZONE '2026-03-02 09:00:00+08',"
                + " TIMESTAMP WITH TIME ZONE '2026-03-04 09:00:00+08', TRUE, NULL),"
                + " ('B', 'stage', '审查', 6.0, FALSE, '330303', TIMESTAMP WITH TIME ZONE '2026-03-02 09:00:00+08',"
                + " TIMESTAMP WITH TIME ZONE '2026-03-12 09:00:00+08', FALSE, NULL),"
                + " ('A', 'post', '科员', 1.5, TRUE, '330303', TIMESTAMP WITH TIME ZONE '2026-03-02 09:00:00+08',"
                + " TIMESTAMP WITH TIME ZONE '2026-03-04 09:00:00+08', TRUE, NULL)");
        Flyway.configure().dataSource(URL, "sa", "").locations("classpath:db/migration").load().migrate();
    }

    @AfterAll
    static void close() throws Exception {
        connection.close();
    }

    private static void execute(String sql) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.executeUpdate();
        }
    }

    /** The statistics as the service computes them: one query, or one per stage or post name. */
    private static List<EfficiencyStats.Group> stats(EfficiencyStats.GroupBy groupBy) throws Exception {
        Object[] params = {"33%", Timestamp.from(EfficiencyStats.NO_EARLIER), Timestamp.from(EfficiencyStats.NO_LATER),
            Timestamp.from(Instant.parse("2026-03-20T00:00:00Z")), groupBy.wireName(), null};
        if (groupBy != EfficiencyStats.GroupBy.STAGE && groupBy != EfficiencyStats.GroupBy.POST) {
            return EfficiencyStats.run(connection, EfficiencyStats.sql(groupBy), params);
        }
        return PartStats.compute(connection, groupBy.wireName(), "33", EfficiencyStats.NO_EARLIER,
                EfficiencyStats.NO_LATER, Instant.parse("2026-03-20T00:00:00Z"));
    }

    @Test
    void departmentStatisticsRunOnH2() throws Exception {
        List<EfficiencyStats.Group> groups = stats(EfficiencyStats.GroupBy.DEPARTMENT);

        assertEquals(List.of(
                new EfficiencyStats.Group("33030300AJ", 2, 2, 1, 1, 5.0, 7.4, 0.5),
                new EfficiencyStats.Group("33030300GS", 1, 0, 0, 1, null, null, 0.0)), groups);
    }

    @Test
    void itemStatisticsRunOnH2() throws Exception {
        assertEquals(2, stats(EfficiencyStats.GroupBy.ITEM).size());
    }

    @Test
    void stageStatisticsRunOnH2() throws Exception {
        EfficiencyStats.Group review = stats(EfficiencyStats.GroupBy.STAGE).get(0);

        assertEquals("审查", review.key());
        assertEquals(5.55, review.p90WorkingDays(), 1e-9);
        assertEquals(0.5, review.correctionRate(), 1e-9);
    }

    @Test
    void stageStatisticsOverAWindowWithPartialPeriodsRunOnH2() throws Exception {
        List<EfficiencyStats.Group> groups = PartStats.compute(connection, "stage", "3303",
                Instant.parse("2026-03-01T12:00:00Z"), Instant.parse("2026-04-03T00:00:00Z"),
                Instant.parse("2026-03-20T00:00:00Z"));

        assertEquals(List.of(new EfficiencyStats.Group("审查", 2, 2, 1, 1, 3.75, 5.55, 0.5)), groups);
    }

    @Test
    void postStatisticsRunOnH2() throws Exception {
        assertEquals(List.of(new EfficiencyStats.Group("科员", 1, 1, 1, 0, 1.5, 1.5, 1.0)),
                stats(EfficiencyStats.GroupBy.POST));
    }

    @Test
    void idempotentAlertInsertRunsOnH2() throws Exception {
        String insert = "INSERT INTO supervision_alert (subject_type, subject_id, rule, level, region_code, department,"
                + " case_no, detail, rule_scope, rule_version, occurred_at, raised_at, status, status_at)"
                + " VALUES ('case', 'A', 'deadline', 'red', '330303', NULL, 'A', 'd', '', 1, CURRENT_TIMESTAMP,"
                + " CURRENT_TIMESTAMP, 'open', CURRENT_TIMESTAMP) ON CONFLICT DO NOTHING";
        int first;
        int second;
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            first = statement.executeUpdate();
            second = statement.executeUpdate();
        }

        assertEquals(1, first);
        assertEquals(0, second);
    }

    @Test
    void baselineRuleSetIsThereOnH2() throws Exception {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT yellow_share_percent, note FROM supervision_rule_set WHERE region_prefix = '' AND version = 1");
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            assertEquals(80, rs.getInt(1));
            assertEquals(true, rs.getString(2).startsWith("baseline"));
        }
    }
}
