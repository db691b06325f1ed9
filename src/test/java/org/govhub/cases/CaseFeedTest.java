package org.govhub.cases;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.govhub.testing.Clients;
import org.govhub.testing.HubTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@HubTest
class CaseFeedTest {

    @Test
    void limitAboveTheMaximumIsAProblemNamingLimit() {
        Clients.Registered aggregator = Clients.register("33", "aggregator");
        given().auth().oauth2(aggregator.token()).queryParam("limit", 5001).get("/api/v1/cases/changes")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("limit"));
        given().auth().oauth2(aggregator.token()).queryParam("after", "x").get("/api/v1/cases/changes")
                .then().statusCode(400).body("errors[0].field", equalTo("after"));
    }

    @Test
    void platformClientsCannotReadTheFeed() {
        Clients.Registered platform = Clients.register("3303", "platform");
        given().auth().oauth2(platform.token()).get("/api/v1/cases/changes").then().statusCode(403);
    }
}
