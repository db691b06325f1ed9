package org.govhub.ferry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.govhub.testing.Clients;
import org.govhub.testing.HubTest;
import org.junit.jupiter.api.Test;

/** A plain node (hub.ferry.enabled defaults to false) has no ferry route at all and queues nothing for the gap. */
@QuarkusTest
@HubTest
class FerryDisabledTest {
    @Inject
    CamelContext camel;

    @Inject
    FerryOutbox outbox;

    @Test
    void noFerryRouteExistsWhenTheFerryIsOff() {
        List<String> ferryRoutes = camel.getRoutes().stream().map(Route::getRouteId).filter(id -> id.startsWith("ferry")).toList();
        assertEquals(List.of(), ferryRoutes);
    }

    @Test
    void pushesAreNotQueuedForTheGap() {
        assertFalse(outbox.active());
    }

    @Test
    void statusSaysTheFerryIsOff() {
        given().auth().oauth2(Clients.adminToken()).get("/api/v1/ferry/status").then().statusCode(200)
                .body("enabled", equalTo(false)).body("lanes[0].lane", equalTo("cases"))
                .body("lanes[0].held", equalTo(0));
    }
}
