package org.govhub.reliability;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import org.govhub.testing.Clients;
import org.govhub.testing.HubTest;
import org.junit.jupiter.api.Test;

/**
 * Regression for a 500 the mutation run (R3) found: a multipart body without its declared boundary made
 * the multipart parser throw ("Connection terminated parsing multipart request"). It is bad input: 400.
 */
@QuarkusTest
@HubTest
class MalformedMultipartTest {
    @Test
    void multipartBodyWithoutItsBoundaryIsABadRequestNotAServerError() {
        String department = Clients.register("3303", "department").token();
        given().auth().oauth2(department).contentType("multipart/form-data; boundary=x")
                .body("{\"sm3\":\"00\"}".getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/licences/verification")
                .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
    }
}
