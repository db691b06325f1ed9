package org.govhub.aggregation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.govhub.common.HubClock;

/**
 * Another hub reached through its own public API, as a client registered there: its base URL and a
 * client-credentials token, fetched when needed and kept until shortly before it expires. The
 * secret comes from configuration or from a 0600 file read at each token request, so a rotated
 * secret takes effect without a restart.
 */
final class PeerHub {
    private static final Duration EARLY = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String name;
    private final String baseUrl;
    private final String clientId;
    private final Optional<String> secret;
    private final Optional<String> secretFile;
    private final ObjectMapper json;
    private final HubClock clock;
    private String token;
    private Instant renewAt = Instant.MIN;

    PeerHub(String name, String baseUrl, String clientId, Optional<String> secret, Optional<String> secretFile,
            ObjectMapper json, HubClock clock) {
        this.name = name;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.clientId = clientId;
        this.secret = secret.filter(s -> !s.isBlank());
        this.secretFile = secretFile.filter(s -> !s.isBlank());
        this.json = json;
        this.clock = clock;
    }

    String name() {
        return name;
    }

    String baseUrl() {
        return baseUrl;
    }

    /** {@code Bearer <token>} for the next request. An unreachable or failing token endpoint is an IOException (retried). */
    synchronized String authorization() throws IOException {
        if (token == null || !clock.instant().isBefore(renewAt)) {
            fetchToken();
        }
        return "Bearer " + token;
    }

    /** Forgets the token, after the peer refused it (401): the next request fetches a new one. */
    synchronized void forgetToken() {
        token = null;
    }

    private void fetchToken() throws IOException {
        String form = "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret=" + encode(readSecret());
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/auth/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response;
        try {
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking " + name + " for a token", e);
        }
        if (response.statusCode() >= 500) {
            throw new IOException(name + " token endpoint answered " + response.statusCode());
        }
        if (response.statusCode() != 200) {
            throw new PeerRefusedException(name + " refused the client credentials of " + clientId
                    + " (HTTP " + response.statusCode() + ")");
        }
        JsonNode body = json.readTree(response.body());
        token = body.path("access_token").asText(null);
        if (token == null) {
            throw new PeerRefusedException(name + " answered a token request without access_token");
        }
        Duration ttl = Duration.ofSeconds(Math.max(0, body.path("expires_in").asLong(0)));
        renewAt = clock.instant().plus(ttl.compareTo(EARLY.multipliedBy(2)) > 0 ? ttl.minus(EARLY) : ttl.dividedBy(2));
    }

    private String readSecret() throws IOException {
        if (secret.isPresent()) {
            return secret.get();
        }
        if (secretFile.isPresent()) {
            Path file = Path.of(secretFile.get());
            if (!Files.exists(file)) {
                throw new PeerRefusedException("the client secret file " + file + " for " + name + " does not exist yet");
            }
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        throw new PeerRefusedException("no client secret is configured for " + name);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The peer (or our own configuration) refuses us: retrying at once would not help. */
    static final class PeerRefusedException extends IllegalStateException {
        PeerRefusedException(String message) {
            super(message);
        }
    }
}
