package org.govhub.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.govhub.testing.Clients;
import org.govhub.testing.HubTest;
import org.junit.jupiter.api.Test;

/** Bad requests of every kind get a clear RFC 9457 answer, never a 500. */
@QuarkusTest
@HubTest
class ProblemDetailsTest {

    @Test
    void unknownPathIs404Problem() {
        given().auth().oauth2(Clients.adminToken()).get("/api/v1/no-such-thing")
                .then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("type", equalTo("urn:govhub:problem:not-found"))
                .body("title", notNullValue());
    }

    @Test
    void unknownPathWithoutTokenIsStill404Problem() {
        given().get("/api/v1/nothing/here").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void wrongMethodIs405Problem() {
        given().auth().oauth2(Clients.adminToken()).delete("/api/v1/signing/certificate")
                .then().statusCode(405).contentType("application/problem+json").body("status", equalTo(405));
    }

    @Test
    void malformedJsonIs400Problem() {
        given().auth().oauth2(Clients.adminToken()).contentType(ContentType.JSON).body("{\"clientId\": ")
                .post("/api/v1/admin/clients")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:govhub:problem:malformed-json"));
    }

    @Test
    void wrongJsonTypeNamesTheField() {
        given().auth().oauth2(Clients.adminToken()).contentType(ContentType.JSON)
                .body("{\"clientId\":\"abc\",\"name\":\"n\",\"roles\":\"platform-not-a-list\",\"regionPrefix\":\"3303\"}")
                .post("/api/v1/admin/clients")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("roles"));
    }

    @Test
    void wrongMediaTypeIs415Problem() {
        given().auth().oauth2(Clients.adminToken()).contentType(ContentType.XML).body("<client/>")
                .post("/api/v1/admin/clients")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void emptyJsonBodyIs400Problem() {
        given().auth().oauth2(Clients.adminToken()).contentType(ContentType.JSON)
                .post("/api/v1/admin/clients")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void oversizedBodyIs413Problem() {
        byte[] huge = new byte[17 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) 'a');
        given().auth().oauth2(Clients.adminToken()).contentType(ContentType.JSON).body(huge)
                .post("/api/v1/admin/clients")
                .then().statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("bytes"));
    }
}
