package org.govhub.reliability;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.govhub.testing.Clients;
import org.govhub.testing.HubTest;
import org.junit.jupiter.api.Test;

/**
 * Regression for a leak the authorization matrix (R4) found: the audit search returned every region's
 * rows (case numbers, licence ids, client ids) to a supervisor or admin of another region.
 */
@QuarkusTest
@HubTest
class AuditRegionBindingTest {
    @Test
    void supervisorOfAnotherRegionDoesNotSeeTheAuditRowsOfThisRegionsClients() {
        Clients.Registered wenzhouPlatform = Clients.register("3303", "platform");
        Clients.Registered jiaxingSupervisor = Clients.register("3304", "supervisor");
        given().auth().oauth2(jiaxingSupervisor.token()).queryParam("client", wenzhouPlatform.clientId()).get("/api/v1/audit")
                .then().statusCode(200).body("events", empty());
    }

    @Test
    void supervisorOfTheRegionSeesTheAuditRowsOfItsClients() {
        Clients.Registered wenzhouPlatform = Clients.register("3303", "platform");
        Clients.Registered wenzhouSupervisor = Clients.register("3303", "supervisor");
        given().auth().oauth2(wenzhouSupervisor.token()).queryParam("client", wenzhouPlatform.clientId()).get("/api/v1/audit")
                .then().statusCode(200).body("events", not(empty()))
                .body("events.clientId", everyItem(equalTo(wenzhouPlatform.clientId())));
    }

    @Test
    void nodeWideAdminStillSeesEveryRegion() {
        Clients.Registered jiaxingPlatform = Clients.register("3304", "platform");
        given().auth().oauth2(Clients.adminToken()).queryParam("client", jiaxingPlatform.clientId()).get("/api/v1/audit")
                .then().statusCode(200).body("events", not(empty()));
    }
}
