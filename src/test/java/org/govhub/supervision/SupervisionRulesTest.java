package org.govhub.supervision;

import static io.restassured.RestAssured.given;
import static org.govhub.supervision.SupervisionFixtures.changeRules;
import static org.govhub.supervision.SupervisionFixtures.count;
import static org.govhub.supervision.SupervisionFixtures.freshCounty;
import static org.govhub.supervision.SupervisionFixtures.supervisor;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.govhub.common.HubClock;
import org.govhub.testing.Clients;
import org.govhub.testing.HubTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The supervision rules repository: versioned rule sets per region, changed through the API, read at each use. */
@QuarkusTest
@HubTest
class SupervisionRulesTest {
    @Inject
    SupervisionRules rules;
    @Inject
    SupervisionAlerts alerts;
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

    @Test
    void regionWithoutRulesOfItsOwnGetsTheBaseline() {
        String county = freshCounty();

        given().auth().oauth2(supervisor("33")).get("/api/v1/supervision/rules/" + county)
                .then().statusCode(200)
                .body("regionPrefix", equalTo(""))
                .body("version", equalTo(1))
                .body("yellowSharePercent", equalTo(80))
                .body("correctionLimit", equalTo(3))
                .body("activeRules", hasSize(AlertRule.values().length))
                .body("inactiveRules", hasSize(0));
    }

    @Test
    void changeStoresTheNextVersionAndKeepsThePreviousOnes() {
        String county = freshCounty();
        String token = supervisor("33");
        changeRules(token, county, 70, 2, List.of());

        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("yellowSharePercent", 90, "correctionLimit", 5, "inactiveRules", List.of("freshness"),
                        "note", "提高黄牌阈值", "basedOnVersion", 1))
                .put("/api/v1/supervision/rules/" + county)
                .then().statusCode(200)
                .body("regionPrefix", equalTo(county))
                .body("version", equalTo(2))
                .body("yellowSharePercent", equalTo(90))
                .body("inactiveRules", contains("freshness"))
                .body("activeRules", not(hasItem("freshness")))
                .body("note", equalTo("提高黄牌阈值"));

        given().auth().oauth2(token).get("/api/v1/supervision/rules/" + county + "/versions")
                .then().statusCode(200)
                .body("versions.version", contains(1, 2))
                .body("versions.yellowSharePercent", contains(70, 90));
    }

    @Test
    void countyInheritsItsCitysRuleSet() {
        String city = SupervisionFixtures.freshCity();
        String county = city + "01";
        changeRules(supervisor("33"), city, 65, 3, List.of());

        given().auth().oauth2(supervisor("33")).get("/api/v1/supervision/rules/" + county)
                .then().statusCode(200)
                .body("regionPrefix", equalTo(city))
                .body("yellowSharePercent", equalTo(65));
    }

    @Test
    void ruleSwitchedOffThroughTheApiRaisesNothingUntilSwitchedOnAgain() {
        String county = freshCounty();
        AlertKey key = AlertKey.of("report-source", "platform-" + county);
        changeRules(supervisor("33"), county, 80, 3, List.of("freshness"));

        assertEquals(RaisedAlert.Outcome.RULE_INACTIVE,
                alerts.raise(key, AlertLevel.YELLOW, county, null, AlertRule.FRESHNESS, "silent for 25 h").outcome());
        assertEquals(0, count(db, "SELECT COUNT(*) FROM supervision_alert WHERE region_code = ?", county));

        changeRules(supervisor("33"), county, 80, 3, List.of());

        assertEquals(RaisedAlert.Outcome.RAISED,
                alerts.raise(key, AlertLevel.YELLOW, county, null, AlertRule.FRESHNESS, "silent for 25 h").outcome());
    }

    @Test
    void invalidRuleSetIsRefusedFieldByFieldAndNothingIsStored() {
        String county = freshCounty();

        given().auth().oauth2(supervisor("33")).contentType(ContentType.JSON)
                .body(Map.of("yellowSharePercent", 100, "correctionLimit", -1, "inactiveRules", List.of("deadline", "nap")))
                .put("/api/v1/supervision/rules/" + county)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("yellowSharePercent", "correctionLimit", "inactiveRules[1]"));
        assertEquals(0, count(db, "SELECT COUNT(*) FROM supervision_rule_set WHERE region_prefix = ?", county));
    }

    @Test
    void changeBasedOnAnOldVersionIsAConflict() {
        String county = freshCounty();
        changeRules(supervisor("33"), county, 70, 2, List.of());
        changeRules(supervisor("33"), county, 75, 2, List.of());

        given().auth().oauth2(supervisor("33")).contentType(ContentType.JSON)
                .body(Map.of("yellowSharePercent", 60, "correctionLimit", 2, "basedOnVersion", 1))
                .put("/api/v1/supervision/rules/" + county)
                .then().statusCode(409).contentType("application/problem+json");
        assertEquals(2, count(db, "SELECT COUNT(*) FROM supervision_rule_set WHERE region_prefix = ?", county));
    }

    @Test
    void changeIsRecordedInTheAuditTrail() {
        String county = freshCounty();
        changeRules(supervisor("33"), county, 70, 2, List.of());

        assertEquals(1, count(db, "SELECT COUNT(*) FROM audit_event WHERE operation = 'supervision.rules.change'"
                + " AND resource_id = ?", county + "@1"));
    }

    @Test
    void supervisorCannotChangeRulesOutsideItsRegion() {
        String county = freshCounty();
        String otherCity = county.startsWith("3340") ? "3341" : "3340";

        given().auth().oauth2(supervisor(otherCity)).contentType(ContentType.JSON)
                .body(Map.of("yellowSharePercent", 50, "correctionLimit", 1))
                .put("/api/v1/supervision/rules/" + county)
                .then().statusCode(403);
        given().auth().oauth2(supervisor(otherCity)).get("/api/v1/supervision/rules/" + county)
                .then().statusCode(404);
    }

    @Test
    void cityCodeWithTrailingZerosIsNotAScope() {
        given().auth().oauth2(supervisor("33")).get("/api/v1/supervision/rules/334000")
                .then().statusCode(400).body("errors[0].field", equalTo("regionPrefix"));
    }

    @Test
    void onlySupervisorsMayChangeRules() {
        String platform = Clients.register("33", "platform").token();

        given().auth().oauth2(platform).contentType(ContentType.JSON)
                .body(Map.of("yellowSharePercent", 50, "correctionLimit", 1))
                .put("/api/v1/supervision/rules/" + freshCounty())
                .then().statusCode(403);
    }
}
