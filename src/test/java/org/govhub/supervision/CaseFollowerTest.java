package org.govhub.supervision;

import static org.govhub.supervision.SupervisionFixtures.count;
import static org.govhub.supervision.SupervisionFixtures.freshCounty;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.govhub.common.HubClock;
import org.govhub.supervision.CaseTiming.TimedStep;
import org.govhub.testing.HubTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Supervision follows the case change feed: versions update the case view, findings become alerts. */
@QuarkusTest
@HubTest
class CaseFollowerTest {
    @Inject
    CaseFeedFollower follower;
    @Inject
    HubClock clock;
    @Inject
    AgroalDataSource db;

    @BeforeEach
    void clientsRegisteredAtRealTime() {
        SupervisionFixtures.registerClients();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static Instant at(String shanghai) {
        return LocalDateTime.parse(shanghai).atZone(ZoneId.of("Asia/Shanghai")).toInstant();
    }

    private static CaseSnapshot version(String county, String caseNo, long version, List<TimedStep> steps) {
        return new CaseSnapshot(caseNo, version, county + "00GS-XK-0001", county, "handling", at("2026-03-09T09:00"),
                null, 10, null, steps);
    }

    private static TimedStep step(String stage, String action, String post, String start, String end) {
        return new TimedStep(stage, action, post, at(start), end == null ? null : at(end));
    }

    /** A version whose return (退回) step states no reason: the case library records a missing-reason finding. */
    private static ObjectNode withUnexplainedReturn(String county, String caseNo, long version) {
        return SupervisedCases.record(version(county, caseNo, version, List.of(
                step("受理", "accept", "窗口", "2026-03-09T09:00", "2026-03-09T09:30"),
                step("审查", "return", "科员", "2026-03-10T09:00", "2026-03-10T10:00"))));
    }

    @Test
    void pushedVersionsReachTheCaseViewThroughTheFeed() {
        String county = freshCounty();
        String caseNo = county + "-FEED";
        SupervisedCases.effectiveItems(List.of(county + "00GS-XK-0001"));
        SupervisedCases.push(List.of(SupervisedCases.record(version(county, caseNo, 1, List.of(
                step("受理", "accept", "窗口", "2026-03-09T09:00", "2026-03-09T09:30"))))));
        follower.catchUp();
        assertEquals(1, count(db, "SELECT COUNT(*) FROM supervision_case WHERE case_no = ? AND data_version = 1"
                + " AND department = ?", caseNo, county + "00GS"));

        SupervisedCases.push(List.of(SupervisedCases.record(version(county, caseNo, 2, List.of(
                step("受理", "accept", "窗口", "2026-03-09T09:00", "2026-03-09T09:30"),
                step("审查", "review", "科长", "2026-03-10T09:00", "2026-03-10T21:00"))))));
        follower.catchUp();

        assertEquals(1, count(db, "SELECT COUNT(*) FROM supervision_case WHERE case_no = ? AND data_version = 2", caseNo));
        assertEquals(2, count(db, "SELECT COUNT(*) FROM supervision_case_part WHERE case_no = ? AND kind = 'stage'", caseNo));
        assertEquals(1, count(db, "SELECT COUNT(*) FROM supervision_case_part WHERE case_no = ? AND kind = 'post'"
                + " AND name = '科长' AND working_days = 0.5", caseNo));
    }

    @Test
    void caseOfAnItemNoLongerInTheCatalogueRaisesARedUnknownItemAlert() {
        String county = freshCounty();
        String caseNo = county + "-UNKNOWN";
        String item = county + "00GS-XK-0001";
        SupervisedCases.effectiveItems(List.of(item));
        SupervisedCases.push(List.of(SupervisedCases.record(version(county, caseNo, 1, List.of(
                step("受理", "accept", "窗口", "2026-03-09T09:00", "2026-03-09T09:30"))))));
        SupervisedCases.cancelItems(List.of(item));

        follower.catchUp();

        assertEquals(1, count(db, "SELECT COUNT(*) FROM supervision_alert WHERE case_no = ? AND rule = 'unknown-item'"
                + " AND level = 'red' AND department = ? AND region_code = ? AND subject_type = 'case'",
                caseNo, county + "00GS", county));
    }

    @Test
    void caseOfAnEffectiveItemRaisesNoUnknownItemAlert() {
        String county = freshCounty();
        String caseNo = county + "-KNOWN";
        SupervisedCases.effectiveItems(List.of(county + "00GS-XK-0001"));
        SupervisedCases.push(List.of(SupervisedCases.record(version(county, caseNo, 1, List.of(
                step("受理", "accept", "窗口", "2026-03-09T09:00", "2026-03-09T09:30"))))));

        follower.catchUp();

        assertEquals(0, count(db, "SELECT COUNT(*) FROM supervision_alert WHERE case_no = ? AND rule = 'unknown-item'",
                caseNo));
    }

    @Test
    void findingBecomesAnAlertWithCaseDepartmentAndRule() {
        String county = freshCounty();
        String caseNo = county + "-FINDING";
        SupervisedCases.effectiveItems(List.of(county + "00GS-XK-0001"));

        SupervisedCases.push(List.of(withUnexplainedReturn(county, caseNo, 1)));
        follower.catchUp();

        assertEquals(1, count(db, "SELECT COUNT(*) FROM supervision_alert WHERE case_no = ? AND rule = 'missing-reason'"
                + " AND level = 'yellow' AND department = ? AND region_code = ? AND subject_type = 'case'",
                caseNo, county + "00GS", county));
    }

    @Test
    void sameFindingOnLaterVersionsKeepsOneAlert() {
        String county = freshCounty();
        String caseNo = county + "-AGAIN";
        SupervisedCases.effectiveItems(List.of(county + "00GS-XK-0001"));

        SupervisedCases.push(List.of(withUnexplainedReturn(county, caseNo, 1)));
        SupervisedCases.push(List.of(withUnexplainedReturn(county, caseNo, 2)));
        follower.catchUp();

        assertEquals(2, count(db, "SELECT COUNT(*) FROM case_finding WHERE case_no = ? AND rule = 'missing-reason'", caseNo));
        assertEquals(1, count(db, "SELECT COUNT(*) FROM supervision_alert WHERE case_no = ? AND rule = 'missing-reason'",
                caseNo));
    }

    @Test
    void takingTheFeedInAgainAfterACrashRaisesNothingTwice() throws SQLException {
        String county = freshCounty();
        String caseNo = county + "-REPLAYED";
        SupervisedCases.effectiveItems(List.of(county + "00GS-XK-0001"));
        SupervisedCases.push(List.of(withUnexplainedReturn(county, caseNo, 1)));
        follower.catchUp();
        long alerts = count(db, "SELECT COUNT(*) FROM supervision_alert_step s JOIN supervision_alert a ON a.id = s.alert_id"
                + " WHERE a.case_no = ?", caseNo);

        long first = count(db, "SELECT MIN(feed_position) FROM case_feed WHERE case_no = ?", caseNo);
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE supervision_cursor SET position = ? WHERE name = 'case-feed' AND position >= ?")) {
            ps.setLong(1, first - 1);
            ps.setLong(2, first);
            assertEquals(1, ps.executeUpdate());
        }
        follower.catchUp();

        assertEquals(alerts, count(db, "SELECT COUNT(*) FROM supervision_alert_step s JOIN supervision_alert a"
                + " ON a.id = s.alert_id WHERE a.case_no = ?", caseNo));
        assertEquals(1, count(db, "SELECT COUNT(*) FROM supervision_case WHERE case_no = ?", caseNo));
    }

    @Test
    void cursorIsPersistedSoNothingIsTakenInTwice() {
        String county = freshCounty();
        SupervisedCases.effectiveItems(List.of(county + "00GS-XK-0001"));
        SupervisedCases.push(List.of(withUnexplainedReturn(county, county + "-ONCE", 1)));
        follower.catchUp();

        assertEquals(0, follower.catchUp());
        assertEquals(count(db, "SELECT MAX(feed_position) FROM case_feed"),
                count(db, "SELECT position FROM supervision_cursor WHERE name = 'case-feed'"));
    }
}
