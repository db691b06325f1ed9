package org.govhub.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.govhub.common.HubClock;
import org.govhub.common.HubConfig;
import org.govhub.testing.Clients;
import org.govhub.testing.HubTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@HubTest
class AccessControlTest {
    @Inject
    HubClock clock;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    HubConfig config;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void issuesBearerTokenForFormCredentials() {
        given().formParam("grant_type", "client_credentials")
                .formParam("client_id", Clients.ADMIN_ID).formParam("client_secret", Clients.ADMIN_SECRET)
                .post("/api/v1/auth/token")
                .then().statusCode(200).contentType(ContentType.JSON)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(3600))
                .body("access_token", notNullValue());
    }

    @Test
    void issuesTokenForHttpBasicCredentials() {
        given().auth().preemptive().basic(Clients.ADMIN_ID, Clients.ADMIN_SECRET)
                .formParam("grant_type", "client_credentials")
                .post("/api/v1/auth/token")
                .then().statusCode(200).body("token_type", equalTo("Bearer"));
    }

    @Test
    void wrongSecretIsInvalidClientProblem() {
        given().formParam("grant_type", "client_credentials")
                .formParam("client_id", Clients.ADMIN_ID).formParam("client_secret", "wrong")
                .post("/api/v1/auth/token")
                .then().statusCode(401).contentType("application/problem+json")
                .body("error", equalTo("invalid_client"))
                .body("status", equalTo(401))
                .body("type", equalTo("urn:govhub:problem:unauthorized"));
    }

    @Test
    void unsupportedGrantTypeIsRejected() {
        given().formParam("grant_type", "password").formParam("client_id", "x").formParam("client_secret", "y")
                .post("/api/v1/auth/token")
                .then().statusCode(400).contentType("application/problem+json")
                .body("error", equalTo("unsupported_grant_type"));
    }

    @Test
    void noTokenOnProtectedEndpointIs401Problem() {
        given().get("/api/v1/admin/clients")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("title", notNullValue()).body("detail", notNullValue());
    }

    @Test
    void regionalPlatformClientGets403OnAdminEndpoint() {
        Clients.Registered platform = Clients.register("3303", "platform");
        given().auth().oauth2(platform.token()).get("/api/v1/admin/clients")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("lacks a role"));
    }

    @Test
    void tamperedTokenIs401() {
        Clients.Registered client = Clients.register("3303", "admin");
        String token = client.token();
        char last = token.charAt(token.length() - 2);
        String tampered = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
        given().auth().oauth2(tampered).get("/api/v1/admin/clients")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(token).get("/api/v1/admin/clients").then().statusCode(200);
    }

    @Test
    void tokenWithForgedClaimsIs401() {
        String token = Clients.adminToken();
        String[] parts = token.split("\\.");
        String forgedClaims = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"iss\":\"govhub-test\",\"sub\":\"admin\",\"exp\":9999999999}".getBytes());
        given().auth().oauth2(parts[0] + "." + forgedClaims + "." + parts[2]).get("/api/v1/admin/clients")
                .then().statusCode(401);
    }

    @Test
    void expiredTokenIs401() {
        Clients.Registered client = Clients.register("3303", "admin");
        clock.advance(Duration.ofMinutes(61));
        given().auth().oauth2(client.token()).get("/api/v1/admin/clients")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("invalid_token"));
    }

    @Test
    void disabledClientTokenStopsWorkingAtOnce() {
        Clients.Registered client = Clients.register("3303", "admin");
        given().auth().oauth2(client.token()).get("/api/v1/admin/clients").then().statusCode(200);
        given().auth().oauth2(Clients.adminToken()).post("/api/v1/admin/clients/" + client.clientId() + "/disable")
                .then().statusCode(200).body("enabled", equalTo(false));
        given().auth().oauth2(client.token()).get("/api/v1/admin/clients").then().statusCode(401);
        given().formParam("grant_type", "client_credentials")
                .formParam("client_id", client.clientId()).formParam("client_secret", client.secret())
                .post("/api/v1/auth/token").then().statusCode(401);
    }

    @Test
    void adminCannotRegisterClientOutsideItsRegion() {
        Clients.Registered cityAdmin = Clients.register("3303", "admin");
        given().auth().oauth2(cityAdmin.token()).contentType(ContentType.JSON)
                .body(Map.of("clientId", "foreign-" + System.nanoTime(), "name", "x", "roles", List.of("platform"), "regionPrefix", "3304"))
                .post("/api/v1/admin/clients")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(cityAdmin.token()).contentType(ContentType.JSON)
                .body(Map.of("clientId", "wider-" + System.nanoTime(), "name", "x", "roles", List.of("platform"), "regionPrefix", "33"))
                .post("/api/v1/admin/clients")
                .then().statusCode(403);
    }

    @Test
    void adminSeesOnlyClientsInsideItsRegion() {
        Clients.Registered inside = Clients.register("330302", "platform");
        Clients.Registered outside = Clients.register("3304", "platform");
        Clients.Registered cityAdmin = Clients.register("3303", "admin");
        List<String> visible = given().auth().oauth2(cityAdmin.token()).get("/api/v1/admin/clients")
                .then().statusCode(200).extract().path("clientId");
        assertTrue(visible.contains(inside.clientId()));
        assertFalse(visible.contains(outside.clientId()));
        given().auth().oauth2(cityAdmin.token()).get("/api/v1/admin/clients/" + outside.clientId())
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void registrationNamesEveryInvalidField() {
        given().auth().oauth2(Clients.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("clientId", "X", "name", "", "roles", List.of(), "regionPrefix", "333"))
                .post("/api/v1/admin/clients")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("clientId"))
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("roles"))
                .body("errors.field", hasItem("regionPrefix"));
    }

    @Test
    void unknownRoleIsValidationProblemNot500() {
        given().auth().oauth2(Clients.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("clientId", "role-test-" + System.nanoTime(), "name", "x", "roles", List.of("emperor"), "regionPrefix", "3303"))
                .post("/api/v1/admin/clients")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("emperor"));
    }

    @Test
    void duplicateClientIdIsConflict() {
        Clients.Registered client = Clients.register("3303", "platform");
        given().auth().oauth2(Clients.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("clientId", client.clientId(), "name", "again", "roles", List.of("platform"), "regionPrefix", "3303"))
                .post("/api/v1/admin/clients")
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void secretIsStoredOnlyAsSlowSaltedHash() throws Exception {
        Clients.Registered client = Clients.register("3303", "platform");
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select secret_hash from api_client where client_id = ?")) {
            s.setString(1, client.clientId());
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                String stored = rs.getString(1);
                // the production work factor itself is checked by SecretHasherTest
                assertTrue(stored.startsWith("pbkdf2-sha256$" + config.auth().secretHashIterations() + "$"), stored);
                assertFalse(stored.contains(client.secret()));
            }
        }
    }

    @Test
    void clientListNeverShowsSecrets() {
        Clients.register("3303", "platform");
        String body = given().auth().oauth2(Clients.adminToken()).get("/api/v1/admin/clients")
                .then().statusCode(200).extract().asString();
        assertFalse(body.contains("secret"), body);
    }
}
