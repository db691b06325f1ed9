package org.govhub.conformance;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The gap-crossing endpoints as any client sees them on a node with the ferry off (the embedded
 * defaults): figures for operators, submissions that do not exist for anyone, and refusals as problems.
 */
class FerryConformanceTest {

    @Test
    void statusAnswersAnAdminWithTheFiguresOfAFerryThatIsOff() {
        Hub.asAdmin().get("/api/v1/ferry/status").then().statusCode(200).contentType("application/json")
                .body("enabled", equalTo(false))
                .body("nodeId", notNullValue())
                .body("zone", in(List.of("external", "internal")))
                .body("transport", in(List.of("directory", "sftp")))
                .body("alerts", greaterThanOrEqualTo(0))
                .body("at", notNullValue())
                .body("lanes.lane", everyItem(notNullValue()))
                .body("lanes.pendingSubmissions", everyItem(equalTo(0)))
                .body("lanes.held", everyItem(equalTo(0)))
                .body("lanes.quarantined", everyItem(equalTo(0)));
    }

    @Test
    void statusAnswersASupervisor() {
        Hub.anonymous().auth().oauth2(Hub.registeredToken("supervisor")).get("/api/v1/ferry/status").then()
                .statusCode(200).body("enabled", equalTo(false));
    }

    @Test
    void statusIsForbiddenToAPlatformAsAProblem() {
        Hub.anonymous().auth().oauth2(Hub.registeredToken("platform")).get("/api/v1/ferry/status").then()
                .statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
    }

    @Test
    void statusWithoutATokenIs401Problem() {
        Hub.anonymous().get("/api/v1/ferry/status").then().statusCode(401).contentType("application/problem+json")
                .body("status", equalTo(401));
    }

    @Test
    void anUnknownSubmissionIsNotFoundAsAProblem() {
        Hub.anonymous().auth().oauth2(Hub.registeredToken("platform"))
                .get("/api/v1/ferry/submissions/" + UUID.randomUUID()).then()
                .statusCode(404).contentType("application/problem+json").body("status", equalTo(404))
                .body("title", notNullValue());
        Hub.asAdmin().get("/api/v1/ferry/submissions/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aSubmissionIdThatIsNoUuidIsNotFoundNeverAServerError() {
        Hub.anonymous().auth().oauth2(Hub.registeredToken("platform")).get("/api/v1/ferry/submissions/not-a-uuid%20x")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void submissionsWithoutATokenAre401Problem() {
        Hub.anonymous().get("/api/v1/ferry/submissions/" + UUID.randomUUID()).then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void submissionsAreForbiddenToACatalogEditorAsAProblem() {
        Hub.anonymous().auth().oauth2(Hub.registeredToken("catalog-editor"))
                .get("/api/v1/ferry/submissions/" + UUID.randomUUID()).then().statusCode(403)
                .contentType("application/problem+json");
    }
}
