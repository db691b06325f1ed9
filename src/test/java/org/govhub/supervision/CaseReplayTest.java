package org.govhub.supervision;

import static io.restassured.RestAssured.given;
import static org.govhub.supervision.SupervisionFixtures.count;
import static org.govhub.supervision.SupervisionFixtures.freshCounty;
import static org.govhub.supervision.SupervisionFixtures.supervisor;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.govhub.common.HubClock;
import org.govhub.supervision.CaseTiming.TimedStep;
import org.govhub.testing.Clients;
import org.govhub.testing.HubTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The complete replay of a case: every version and step received, the findings, the alerts along the way. */
@QuarkusTest
@HubTest
class CaseReplayTest {
    @Inject
    CaseFeedFollower follower;
    @Inject
    DeadlineScan scan;
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

    private static TimedStep step(String stage, String action, String post, String start, String end) {
        return new TimedStep(stage, action, post, at(start), end == null ? null : at(end));
    }

    /**
     * A case accepted Monday 9 March 09:00 with 2 promised working days: version 1 received that day with the
     * acceptance still running, version 2 on Tuesday with the acceptance ended and a return (退回) without a
     * reason; the scan on Thursday finds it red; a supervisor acknowledges the red card.
     */
    private String replayedCase() {
        String county = freshCounty();
        String caseNo = county + "-REPLAY";
        String item = county + "00AJ-XK-0001";
        SupervisedCases.effectiveItems(List.of(item));
        clock.pin(at("2026-03-09T09:40"));
        SupervisedCases.push(List.of(SupervisedCases.record(new CaseSnapshot(caseNo, 1, item, county, "accepted",
                at("2026-03-09T09:00"), null, 2, null, List.of(step("受理", "accept", "窗口", "2026-03-09T09:00", null))))));
        follower.catchUp();
        clock.pin(at("2026-03-10T11:00"));
        SupervisedCases.push(List.of(SupervisedCases.record(new CaseSnapshot(caseNo, 2, item, county, "returned",
                at("2026-03-09T09:00"), null, 2, null, List.of(
                        step("受理", "accept", "窗口", "2026-03-09T09:00", "2026-03-09T10:00"),
                        step("审查", "return", "科员", "2026-03-10T10:00", "2026-03-10T10:30"))))));
        follower.catchUp();
        clock.pin(at("2026-03-12T10:00"));
        scan.scan();
        long red = count(db, "SELECT id FROM supervision_alert WHERE case_no = ? AND level = 'red'", caseNo);
        given().auth().oauth2(supervisor("33")).post("/api/v1/supervision/alerts/" + red + "/acknowledgement")
                .then().statusCode(200);
        return caseNo;
    }

    @Test
    void timelineOrdersVersionsStepsFindingsAndAlertsByTime() {
        String caseNo = replayedCase();

        JsonPath replay = given().auth().oauth2(supervisor("33")).header("X-Purpose", "red card check")
                .get("/api/v1/supervision/cases/" + caseNo + "/replay").then().statusCode(200).extract().jsonPath();

        List<String> what = replay.getList(
                "timeline.collect { it.kind + ':' + (it.stage ?: it.rule ?: it.dataVersion) + ':' + (it.action ?: it.level ?: '') }");
        assertEquals(List.of("step:受理:accept", "version:1:", "step:审查:return", "version:2:", "finding:missing-reason:",
                "alert:missing-reason:yellow", "alert-step:missing-reason:raised", "alert:deadline:yellow",
                "alert:deadline:red", "alert-step:deadline:raised", "alert-step:deadline:raised",
                "alert-step:deadline:acknowledged"), what);
        // 80 % of 2 working days from Monday 09:00 is used on Tuesday at 23:24; the promise is exceeded after Wednesday 09:00.
        assertEquals(List.of(at("2026-03-10T23:24").toString(), at("2026-03-11T09:00").toString()),
                replay.<String>getList("timeline.findAll { it.kind == 'alert' && it.rule == 'deadline' }.at").stream()
                        .map(t -> Instant.parse(t).toString()).toList());
    }

    @Test
    void stepReportedAgainIsListedOnceWithTheVersionsThatReportedAndChangedIt() {
        String caseNo = replayedCase();

        JsonPath replay = given().auth().oauth2(supervisor("33")).get("/api/v1/supervision/cases/" + caseNo + "/replay")
                .then().statusCode(200).extract().jsonPath();

        Map<String, Object> accept = replay.getMap("timeline.find { it.kind == 'step' && it.stage == '受理' }");
        assertEquals(1, accept.get("dataVersion"));
        assertEquals(2, accept.get("lastChangedInVersion"));
        assertEquals(at("2026-03-09T10:00").toString(), Instant.parse((String) accept.get("endedAt")).toString());
    }

    @Test
    void replayCarriesEveryVersionAndEveryAlertWithItsSteps() {
        String caseNo = replayedCase();

        given().auth().oauth2(supervisor("33")).get("/api/v1/supervision/cases/" + caseNo + "/replay")
                .then().statusCode(200)
                .body("currentVersion", org.hamcrest.Matchers.equalTo(2))
                .body("versions.dataVersion", org.hamcrest.Matchers.contains(1, 2))
                .body("versions[1].findings.rule", org.hamcrest.Matchers.contains("missing-reason"))
                .body("versions[1].record.applicant.idNumber", org.hamcrest.Matchers.equalTo("91330300MA2AB1234X"))
                .body("alerts.rule", org.hamcrest.Matchers.containsInAnyOrder("deadline", "deadline", "missing-reason"))
                .body("alerts.find { it.level == 'red' }.steps.action",
                        org.hamcrest.Matchers.contains("raised", "acknowledged"));
    }

    @Test
    void replayIsRecordedInTheAuditTrailWithItsPurpose() {
        String caseNo = replayedCase();

        given().auth().oauth2(supervisor("33")).header("X-Purpose", "%E7%9B%91%E5%AF%9F%E6%A0%B8%E6%9F%A5")
                .get("/api/v1/supervision/cases/" + caseNo + "/replay").then().statusCode(200);

        assertEquals(1, count(db, "SELECT COUNT(*) FROM audit_event WHERE resource_id = ? AND purpose = '监察核查'", caseNo));
    }

    @Test
    void caseOutsideTheClientsRegionIsNotFound() {
        String caseNo = replayedCase();

        given().auth().oauth2(supervisor("3304")).get("/api/v1/supervision/cases/" + caseNo + "/replay")
                .then().statusCode(404);
        given().auth().oauth2(supervisor("33")).get("/api/v1/supervision/cases/NO-SUCH-CASE-1/replay")
                .then().statusCode(404);
    }

    @Test
    void onlySupervisorsReplayCases() {
        given().auth().oauth2(Clients.register("33", "department").token())
                .get("/api/v1/supervision/cases/ANY-1/replay").then().statusCode(403);
    }
}
