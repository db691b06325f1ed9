package org.govhub.supervision;

import static io.restassured.RestAssured.given;
import static org.govhub.supervision.SupervisionFixtures.count;
import static org.govhub.supervision.SupervisionFixtures.freshCounty;
import static org.govhub.supervision.SupervisionFixtures.supervisor;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.govhub.testing.Clients;
import org.govhub.testing.HubTest;
import org.junit.jupiter.api.Test;

/** Supervisors' alert workflow: list with filters, acknowledge, investigate with a note, close; every step recorded. */
@QuarkusTest
@HubTest
class AlertWorkflowTest {
    @Inject
    SupervisionAlerts alerts;
    @Inject
    AgroalDataSource db;

    private long raise(String county, String caseNo, AlertLevel level, AlertRule rule, String department) {
        return alerts.raise(AlertKey.ofCase(caseNo), level, county, department, rule, rule.wireName() + " on " + caseNo)
                .alertId();
    }

    private static String step(String token, long id, String step, String note, int status) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(note == null ? Map.of() : Map.of("note", note))
                .post("/api/v1/supervision/alerts/" + id + "/" + step)
                .then().statusCode(status).extract().asString();
    }

    @Test
    void listFiltersByLevelDepartmentAndStatus() {
        String county = freshCounty();
        long red = raise(county, county + "-A", AlertLevel.RED, AlertRule.DEADLINE, county + "00AJ");
        long yellow = raise(county, county + "-A", AlertLevel.YELLOW, AlertRule.DEADLINE, county + "00AJ");
        long otherDepartment = raise(county, county + "-B", AlertLevel.RED, AlertRule.MISSING_REASON, county + "00GS");
        String token = supervisor("33");
        step(token, red, "acknowledgement", null, 200);

        given().auth().oauth2(token).queryParam("region", county).queryParam("level", "red")
                .get("/api/v1/supervision/alerts")
                .then().statusCode(200).body("alerts.id", contains((int) otherDepartment, (int) red));
        given().auth().oauth2(token).queryParam("region", county).queryParam("department", "AJ")
                .get("/api/v1/supervision/alerts")
                .then().statusCode(200).body("alerts.id", contains((int) yellow, (int) red));
        given().auth().oauth2(token).queryParam("region", county).queryParam("department", county + "00GS")
                .get("/api/v1/supervision/alerts")
                .then().statusCode(200).body("alerts.id", contains((int) otherDepartment));
        given().auth().oauth2(token).queryParam("region", county).queryParam("status", "open")
                .get("/api/v1/supervision/alerts")
                .then().statusCode(200).body("alerts.id", containsInAnyOrder((int) yellow, (int) otherDepartment));
        given().auth().oauth2(token).queryParam("region", county).queryParam("rule", "missing-reason")
                .get("/api/v1/supervision/alerts")
                .then().statusCode(200).body("alerts.id", contains((int) otherDepartment))
                .body("alerts[0].steps", nullValue());
    }

    @Test
    void listPagesNewestFirst() {
        String county = freshCounty();
        long first = raise(county, county + "-1", AlertLevel.RED, AlertRule.DEADLINE, null);
        long second = raise(county, county + "-2", AlertLevel.RED, AlertRule.DEADLINE, null);
        long third = raise(county, county + "-3", AlertLevel.RED, AlertRule.DEADLINE, null);
        String token = supervisor("33");

        Number next = given().auth().oauth2(token).queryParam("region", county).queryParam("limit", 2)
                .get("/api/v1/supervision/alerts")
                .then().statusCode(200).body("alerts.id", contains((int) third, (int) second))
                .extract().path("nextBefore");
        given().auth().oauth2(token).queryParam("region", county).queryParam("limit", 2).queryParam("before", next)
                .get("/api/v1/supervision/alerts")
                .then().statusCode(200).body("alerts.id", contains((int) first)).body("nextBefore", nullValue());
    }

    @Test
    void acknowledgeInvestigateAndCloseRecordEveryStep() {
        String county = freshCounty();
        long id = raise(county, county + "-W", AlertLevel.RED, AlertRule.PENALTY_OUTSIDE_DISCRETION, county + "00AJ");
        String token = supervisor("33");

        step(token, id, "acknowledgement", null, 200);
        step(token, id, "investigation", "罚款超出裁量基准，已责成整改", 200);
        step(token, id, "closure", "整改完成", 200);

        given().auth().oauth2(token).get("/api/v1/supervision/alerts/" + id)
                .then().statusCode(200)
                .body("status", equalTo("closed"))
                .body("steps.action", contains("raised", "acknowledged", "investigated", "closed"))
                .body("steps.status", contains("open", "acknowledged", "investigated", "closed"))
                .body("steps[2].note", equalTo("罚款超出裁量基准，已责成整改"))
                .body("steps[1].actor", notNullValue())
                .body("steps[3].at", notNullValue());
        assertEquals(3, count(db, "SELECT COUNT(*) FROM audit_event WHERE resource_type = 'supervision-alert'"
                + " AND resource_id = ?", Long.toString(id)));
    }

    @Test
    void investigationWithoutNoteIsRefused() {
        String county = freshCounty();
        long id = raise(county, county + "-N", AlertLevel.YELLOW, AlertRule.MISSING_REASON, null);

        String body = step(supervisor("33"), id, "investigation", null, 400);

        assertEquals("note", io.restassured.path.json.JsonPath.from(body).getString("errors[0].field"));
        assertEquals(1, count(db, "SELECT COUNT(*) FROM supervision_alert_step WHERE alert_id = ?", id));
    }

    @Test
    void closedAlertTakesNoFurtherStep() {
        String county = freshCounty();
        long id = raise(county, county + "-C", AlertLevel.YELLOW, AlertRule.MISSING_REASON, null);
        String token = supervisor("33");
        step(token, id, "closure", null, 200);

        step(token, id, "acknowledgement", null, 409);
        step(token, id, "investigation", "late note", 409);
        step(token, id, "closure", null, 409);
    }

    @Test
    void acknowledgingTwiceIsAConflict() {
        String county = freshCounty();
        long id = raise(county, county + "-T", AlertLevel.YELLOW, AlertRule.MISSING_REASON, null);
        String token = supervisor("33");

        step(token, id, "acknowledgement", null, 200);
        step(token, id, "acknowledgement", null, 409);
    }

    @Test
    void acknowledgementNeedsNoBody() {
        String county = freshCounty();
        long id = raise(county, county + "-E", AlertLevel.YELLOW, AlertRule.MISSING_REASON, null);

        given().auth().oauth2(supervisor("33")).post("/api/v1/supervision/alerts/" + id + "/acknowledgement")
                .then().statusCode(200).body("status", equalTo("acknowledged"));
    }

    @Test
    void alertOutsideTheRegionIsInvisibleToReadsAndForbiddenToSteps() {
        String county = freshCounty();
        long id = raise(county, county + "-R", AlertLevel.RED, AlertRule.DEADLINE, null);
        String elsewhere = supervisor("3304");

        given().auth().oauth2(elsewhere).get("/api/v1/supervision/alerts/" + id).then().statusCode(404);
        given().auth().oauth2(elsewhere).queryParam("caseNo", county + "-R").get("/api/v1/supervision/alerts")
                .then().statusCode(200).body("alerts", hasSize(0));
        step(elsewhere, id, "acknowledgement", null, 403);
        assertEquals(1, count(db, "SELECT COUNT(*) FROM supervision_alert_step WHERE alert_id = ?", id));
    }

    @Test
    void listOfARegionOutsideTheClientsIsForbidden() {
        given().auth().oauth2(supervisor("3304")).queryParam("region", "3303").get("/api/v1/supervision/alerts")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void malformedFiltersAreRefusedNamingTheParameter() {
        String token = supervisor("33");
        for (Map.Entry<String, String> bad : Map.of("level", "orange", "status", "done", "rule", "nap",
                "department", "aj", "region", "3", "limit", "0", "before", "x").entrySet()) {
            given().auth().oauth2(token).queryParam(bad.getKey(), bad.getValue()).get("/api/v1/supervision/alerts")
                    .then().statusCode(400).body("errors[0].field", equalTo(bad.getKey()));
        }
    }

    @Test
    void unknownAlertIsNotFound() {
        given().auth().oauth2(supervisor("33")).get("/api/v1/supervision/alerts/999999999").then().statusCode(404);
        given().auth().oauth2(supervisor("33")).get("/api/v1/supervision/alerts/abc").then().statusCode(404);
    }

    @Test
    void onlySupervisorsSeeAlerts() {
        given().auth().oauth2(Clients.register("33", "platform").token()).get("/api/v1/supervision/alerts")
                .then().statusCode(403);
        given().get("/api/v1/supervision/alerts").then().statusCode(401);
    }

    @Test
    void listShowsTheRuleSetThatWasApplied() {
        String county = freshCounty();
        SupervisionFixtures.changeRules(supervisor("33"), county, 75, 3, List.of());
        raise(county, county + "-V", AlertLevel.YELLOW, AlertRule.DEADLINE, null);

        given().auth().oauth2(supervisor("33")).queryParam("region", county).get("/api/v1/supervision/alerts")
                .then().statusCode(200).body("alerts[0].ruleScope", equalTo(county)).body("alerts[0].ruleVersion", equalTo(1));
    }
}
