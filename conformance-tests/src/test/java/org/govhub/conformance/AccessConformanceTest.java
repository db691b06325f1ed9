package org.govhub.conformance;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

class AccessConformanceTest {

    @Test
    void clientCredentialsGrantIssuesBearerToken() {
        Hub.anonymous().formParam("grant_type", "client_credentials")
                .formParam("client_id", Hub.CLIENT_ID).formParam("client_secret", Hub.CLIENT_SECRET)
                .post("/api/v1/auth/token")
                .then().statusCode(200)
                .body("token_type", equalTo("Bearer")).body("access_token", notNullValue())
                .body("expires_in", greaterThan(0));
    }

    @Test
    void wrongSecretIsInvalidClientProblem() {
        Hub.anonymous().formParam("grant_type", "client_credentials")
                .formParam("client_id", Hub.CLIENT_ID).formParam("client_secret", "certainly-wrong")
                .post("/api/v1/auth/token")
                .then().statusCode(401).contentType("application/problem+json")
                .body("status", equalTo(401)).body("error", equalTo("invalid_client"));
    }

    @Test
    void protectedEndpointWithoutTokenIs401Problem() {
        Hub.anonymous().get("/api/v1/admin/clients")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("type", notNullValue()).body("title", notNullValue()).body("status", equalTo(401));
    }

    @Test
    void garbageTokenIs401Problem() {
        Hub.anonymous().auth().oauth2("not.a.token").get("/api/v1/admin/clients")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void nonAdminClientIs403ProblemOnAdminEndpoint() {
        String platform = Hub.registeredToken("platform");
        Hub.anonymous().auth().oauth2(platform).get("/api/v1/admin/clients")
                .then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
    }

    @Test
    void unknownPathIs404Problem() {
        Hub.asAdmin().get("/api/v1/no-such-resource")
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
    }

    @Test
    void malformedJsonIs400Problem() {
        Hub.asAdmin().contentType("application/json").body("{\"clientId\":")
                .post("/api/v1/admin/clients")
                .then().statusCode(400).contentType("application/problem+json");
    }
}
