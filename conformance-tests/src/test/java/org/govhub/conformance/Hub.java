package org.govhub.conformance;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The hub under test, reached only through its public interface. */
final class Hub {
    static final String URL = System.getProperty("hub.url", "http://127.0.0.1:8080");
    static final String CLIENT_ID = System.getProperty("hub.client-id", "admin");
    static final String CLIENT_SECRET = System.getProperty("hub.client-secret", "");
    static final String SPEC = System.getProperty("hub.spec", "../openapi/hub.yaml");
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static String adminToken;

    static {
        RestAssured.baseURI = URL;
    }

    private Hub() {
    }

    static RequestSpecification anonymous() {
        return given().baseUri(URL);
    }

    static synchronized String adminToken() {
        if (adminToken == null) {
            adminToken = token(CLIENT_ID, CLIENT_SECRET);
        }
        return adminToken;
    }

    static RequestSpecification asAdmin() {
        return anonymous().auth().oauth2(adminToken());
    }

    static String token(String clientId, String secret) {
        return anonymous().formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId).formParam("client_secret", secret)
                .post("/api/v1/auth/token").then().statusCode(200).extract().path("access_token");
    }

    /** The region this node serves, from its signed identity. */
    static String nodeRegion() {
        return anonymous().get("/api/v1/node").then().statusCode(200).extract().path("regionCode");
    }

    /** A client registered inside the node's region: its id and a token. */
    record Registered(String clientId, String token) {
    }

    /** Registers a client inside the node's region and returns its id and token. */
    static Registered register(String... roles) {
        String id = "conf-" + System.currentTimeMillis() + "-" + SEQ.incrementAndGet();
        String secret = asAdmin().contentType(ContentType.JSON)
                .body(Map.of("clientId", id, "name", "conformance " + id, "roles", List.of(roles), "regionPrefix", nodeRegion()))
                .post("/api/v1/admin/clients").then().statusCode(201).extract().path("clientSecret");
        return new Registered(id, token(id, secret));
    }

    /** Registers a client inside the node's region and returns its token. */
    static String registeredToken(String... roles) {
        String id = "conf-" + System.currentTimeMillis() + "-" + SEQ.incrementAndGet();
        String secret = asAdmin().contentType(ContentType.JSON)
                .body(Map.of("clientId", id, "name", "conformance " + id, "roles", List.of(roles), "regionPrefix", nodeRegion()))
                .post("/api/v1/admin/clients").then().statusCode(201).extract().path("clientSecret");
        return token(id, secret);
    }
}
