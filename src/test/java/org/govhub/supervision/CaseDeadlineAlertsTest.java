package org.govhub.supervision;

import static org.govhub.supervision.SupervisionFixtures.changeRules;
import static org.govhub.supervision.SupervisionFixtures.count;
import static org.govhub.supervision.SupervisionFixtures.freshCounty;
import static org.govhub.supervision.SupervisionFixtures.supervisor;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.govhub.common.HubClock;
import org.govhub.supervision.CaseTiming.TimedStep;
import org.govhub.testing.HubTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 8 acceptance: red and yellow cards around a weekend, the National Day holiday and a suspension,
 * with the hub clock pinned at each instant, appear exactly when expected and once each; the scheduled
 * recompute and new versions never raise them again. Cases are pushed by a platform through the case
 * library's API and reach supervision through the change feed.
 */
@QuarkusTest
@HubTest
class CaseDeadlineAlertsTest {
    @Inject
    CaseSupervision supervision;
    @Inject
    DeadlineScan scan;
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

    private static TimedStep step(String stage, String action, String start, String end) {
        return new TimedStep(stage, action, "岗位", at(start), end == null ? null : at(end));
    }

    private final Set<String> itemsMade = new HashSet<>();

    /** A platform pushes this version through the case library; supervision takes it in from the change feed. */
    private void deliver(String county, String caseNo, long version, String accepted, int promisedDays,
            String finished, List<TimedStep> steps) {
        String item = county + "00AJ-XK-0001";
        if (itemsMade.add(item)) {
            SupervisedCases.effectiveItems(List.of(item));
        }
        SupervisedCases.push(List.of(SupervisedCases.record(new CaseSnapshot(caseNo, version, item, county,
                finished == null ? "handling" : "finished", at(accepted), finished == null ? null : at(finished),
                promisedDays, null, steps))));
        follower.catchUp();
    }

    private void scanAt(String shanghai) {
        clock.pin(at(shanghai));
        scan.scan();
    }

    /** The case's deadline alerts as "level@occurredAt", in the order they were raised. */
    private List<String> cards(String caseNo) {
        List<String> cards = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT level, occurred_at FROM supervision_alert WHERE case_no = ? AND rule = 'deadline' ORDER BY id")) {
            ps.setString(1, caseNo);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    cards.add(rs.getString(1) + "@" + rs.getTimestamp(2).toInstant());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return cards;
    }

    private static String card(String level, String shanghai) {
        return level + "@" + at(shanghai);
    }

    @Test
    void acrossAWeekendYellowAndRedAppearExactlyWhenDueAndOnceEach() {
        String county = freshCounty();
        String caseNo = county + "-WEEKEND";
        clock.pin(at("2026-03-05T10:00"));
        deliver(county, caseNo, 1, "2026-03-05T10:00", 2, null, List.of(step("受理", "accept", "2026-03-05T10:00", null)));

        scanAt("2026-03-08T23:59");
        assertEquals(List.of(), cards(caseNo));
        scanAt("2026-03-09T00:23:59");
        assertEquals(List.of(), cards(caseNo));
        scanAt("2026-03-09T00:24");
        assertEquals(List.of(card("yellow", "2026-03-09T00:24")), cards(caseNo));
        scanAt("2026-03-09T10:00");
        assertEquals(List.of(card("yellow", "2026-03-09T00:24")), cards(caseNo));
        scanAt("2026-03-09T10:00:01");
        scanAt("2026-03-09T11:00");
        scanAt("2026-03-12T11:00");
        deliver(county, caseNo, 2, "2026-03-05T10:00", 2, null, List.of(step("受理", "accept", "2026-03-05T10:00", null),
                step("审查", "review", "2026-03-09T09:00", null)));

        assertEquals(List.of(card("yellow", "2026-03-09T00:24"), card("red", "2026-03-09T10:00")), cards(caseNo));
    }

    @Test
    void overNationalDayTheHolidayWeekDoesNotCountAndTheMakeUpSaturdayDoes() {
        String county = freshCounty();
        String caseNo = county + "-HOLIDAY";
        clock.pin(at("2026-09-29T09:00"));
        deliver(county, caseNo, 1, "2026-09-29T09:00", 4, null, List.of());

        scanAt("2026-10-07T23:59");
        assertEquals(List.of(), cards(caseNo));
        scanAt("2026-10-09T13:47:59");
        assertEquals(List.of(), cards(caseNo));
        scanAt("2026-10-09T13:48");
        assertEquals(List.of(card("yellow", "2026-10-09T13:48")), cards(caseNo));
        scanAt("2026-10-10T09:00");
        assertEquals(1, cards(caseNo).size());
        scanAt("2026-10-10T09:00:01");
        scanAt("2026-10-12T09:00");

        assertEquals(List.of(card("yellow", "2026-10-09T13:48"), card("red", "2026-10-10T09:00")), cards(caseNo));
    }

    @Test
    void suspensionStopsTheClockUntilResumed() {
        String county = freshCounty();
        String caseNo = county + "-SUSPENDED";
        clock.pin(at("2026-03-09T09:00"));
        deliver(county, caseNo, 1, "2026-03-09T09:00", 5, null, List.of(step("受理", "accept", "2026-03-09T09:00", null)));
        clock.pin(at("2026-03-10T09:00"));
        deliver(county, caseNo, 2, "2026-03-09T09:00", 5, null, List.of(step("受理", "accept", "2026-03-09T09:00", null),
                step("审查", "suspend", "2026-03-10T09:00", null)));

        // Without the suspension the case would be yellow on Friday 13 March and red after Monday 16 March 09:00.
        scanAt("2026-03-16T09:01");
        assertEquals(List.of(), cards(caseNo));
        clock.pin(at("2026-03-16T10:00"));
        deliver(county, caseNo, 3, "2026-03-09T09:00", 5, null, List.of(step("受理", "accept", "2026-03-09T09:00", null),
                step("审查", "suspend", "2026-03-10T09:00", null), step("审查", "resume", "2026-03-12T09:00", null)));
        assertEquals(List.of(), cards(caseNo));

        scanAt("2026-03-17T08:59");
        assertEquals(List.of(), cards(caseNo));
        scanAt("2026-03-17T09:00");
        assertEquals(List.of(card("yellow", "2026-03-17T09:00")), cards(caseNo));
        scanAt("2026-03-18T09:00");
        assertEquals(1, cards(caseNo).size());
        scanAt("2026-03-18T09:00:01");
        scanAt("2026-03-19T09:00");

        assertEquals(List.of(card("yellow", "2026-03-17T09:00"), card("red", "2026-03-18T09:00")), cards(caseNo));
    }

    @Test
    void caseFirstSeenAfterItsDeadlineGetsBothCardsAtTheirInstants() {
        String county = freshCounty();
        String caseNo = county + "-LATE";
        clock.pin(at("2026-03-20T12:00"));

        deliver(county, caseNo, 1, "2026-03-05T10:00", 2, "2026-03-10T12:00", List.of());

        assertEquals(List.of(card("yellow", "2026-03-09T00:24"), card("red", "2026-03-09T10:00")), cards(caseNo));
    }

    @Test
    void caseFinishedInTimeNeverGetsACard() {
        String county = freshCounty();
        String caseNo = county + "-ONTIME";
        clock.pin(at("2026-03-06T12:00"));
        deliver(county, caseNo, 1, "2026-03-05T10:00", 2, "2026-03-06T12:00", List.of());

        scanAt("2026-04-01T00:00");

        assertEquals(List.of(), cards(caseNo));
        assertEquals(1, count(db, "SELECT COUNT(*) FROM supervision_case WHERE case_no = ? AND on_time", caseNo));
    }

    @Test
    void yellowShareChangedThroughTheApiAppliesToTheNextScan() {
        String county = freshCounty();
        String caseNo = county + "-SHARE";
        clock.pin(at("2026-03-09T00:00"));
        deliver(county, caseNo, 1, "2026-03-09T00:00", 10, null, List.of());
        scanAt("2026-03-18T00:00");
        assertEquals(List.of(), cards(caseNo));

        changeRules(supervisor("33"), county, 70, 3, List.of());
        scanAt("2026-03-18T00:00");

        assertEquals(List.of(card("yellow", "2026-03-18T00:00")), cards(caseNo));
    }

    @Test
    void deadlineRuleSwitchedOffRaisesNoCards() {
        String county = freshCounty();
        String caseNo = county + "-OFF";
        changeRules(supervisor("33"), county, 80, 3, List.of("deadline"));
        clock.pin(at("2026-03-20T12:00"));

        deliver(county, caseNo, 1, "2026-03-05T10:00", 2, null, List.of());
        scanAt("2026-03-21T12:00");

        assertEquals(List.of(), cards(caseNo));
    }

    @Test
    void correctionsBeyondTheRegionsLimitRaiseOneAlert() {
        String county = freshCounty();
        String caseNo = county + "-CORR";
        changeRules(supervisor("33"), county, 80, 1, List.of());
        clock.pin(at("2026-03-12T12:00"));
        List<TimedStep> steps = List.of(step("受理", "correct", "2026-03-09T09:00", null),
                step("受理", "resume", "2026-03-10T09:00", null), step("受理", "correct", "2026-03-10T10:00", null),
                step("受理", "resume", "2026-03-11T09:00", null));

        deliver(county, caseNo, 1, "2026-03-09T09:00", 20, null, steps);
        deliver(county, caseNo, 2, "2026-03-09T09:00", 20, null, steps);

        assertEquals(1, count(db, "SELECT COUNT(*) FROM supervision_alert WHERE case_no = ? AND rule = 'too-many-corrections'"
                + " AND occurred_at = ?", caseNo, java.sql.Timestamp.from(at("2026-03-10T10:00"))));
    }

    @Test
    void olderVersionTakenInLateChangesNothing() {
        String county = freshCounty();
        String caseNo = county + "-STALE";
        clock.pin(at("2026-03-06T12:00"));
        deliver(county, caseNo, 2, "2026-03-05T10:00", 2, "2026-03-06T12:00", List.of());
        supervision.take(new CaseSnapshot(caseNo, 1, county + "00AJ-XK-0001", county, "handling",
                at("2026-03-05T10:00"), null, 2, null, List.of()));

        assertEquals(1, count(db, "SELECT COUNT(*) FROM supervision_case WHERE case_no = ? AND data_version = 2"
                + " AND finished_at IS NOT NULL", caseNo));
    }
}
