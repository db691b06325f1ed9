package org.govhub.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Registers clients through the admin API and gets their tokens, the way a real operator would. */
public final class Clients {
    public static final String ADMIN_ID = "admin";
    public static final String ADMIN_SECRET = "test-admin-secret";
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private Clients() {
    }

    public static String adminToken() {
        return TOKENS.computeIfAbsent(ADMIN_ID, id -> token(id, ADMIN_SECRET));
    }

    public static String token(String clientId, String secret) {
        return issued(given().formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId).formParam("client_secret", secret)
                .post("/api/v1/auth/token")
                .then().statusCode(200).extract().path("access_token"));
    }

    /** A fresh client with the given roles and region prefix; returns id, secret and token. */
    public static Registered register(String regionPrefix, String... roles) {
        String id = "client-" + System.nanoTime() + "-" + SEQ.incrementAndGet();
        String secret = given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body(Map.of("clientId", id, "name", "test client " + id, "roles", List.of(roles), "regionPrefix", regionPrefix))
                .post("/api/v1/admin/clients")
                .then().statusCode(201).extract().path("clientSecret");
        issued(secret);
        return new Registered(id, secret, token(id, secret));
    }

    /** Every secret and token the tests obtain goes to target/issued-secrets.txt, for .ci/log-scan.sh. */
    private static synchronized String issued(String secretOrToken) {
        try {
            java.nio.file.Files.writeString(java.nio.file.Path.of("target", "issued-secrets.txt"), secretOrToken + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return secretOrToken;
    }

    public record Registered(String clientId, String secret, String token) {
    }
}
