package org.govhub.reliability;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.govhub.testing.Clients;
import org.govhub.testing.HubTest;
import org.junit.jupiter.api.Test;

/**
 * Regression for a 500 the mutation run (R3) found: a NUL character (U+0000) in a path value reached
 * PostgreSQL, which refuses it in text ("invalid byte sequence for encoding UTF8: 0x00"), and the hub
 * answered 500. It is bad input: 400 problem+json.
 */
@QuarkusTest
@HubTest
class NulCharacterTest {
    @Test
    void nulInACaseNumberIsABadRequestNotAServerError() {
        String platform = Clients.register("3303", "platform").token();
        given().urlEncodingEnabled(false).auth().oauth2(platform).header("X-Purpose", "regression check")
                .get("/api/v1/cases/REL-%00-1")
                .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
    }
}
