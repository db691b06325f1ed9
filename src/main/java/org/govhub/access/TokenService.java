package org.govhub.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.govhub.common.HubClock;
import org.govhub.common.HubConfig;

/** Issues and checks this node's access tokens: compact JWTs signed with HS256. */
@ApplicationScoped
public class TokenService {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final String HEADER = B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    private final ObjectMapper json;
    private final HubClock clock;
    private final HubConfig config;
    private final SecretKeySpec key;

    public TokenService(ObjectMapper json, HubClock clock, HubConfig config, TokenKey tokenKey) {
        this.json = json;
        this.clock = clock;
        this.config = config;
        this.key = new SecretKeySpec(tokenKey.bytes(), "HmacSHA256");
    }

    public IssuedToken issue(String clientId) {
        Instant now = clock.instant();
        long ttl = config.auth().tokenTtl().toSeconds();
        ObjectNode claims = json.createObjectNode()
                .put("iss", config.nodeId())
                .put("sub", clientId)
                .put("iat", now.getEpochSecond())
                .put("exp", now.getEpochSecond() + ttl)
                .put("jti", UUID.randomUUID().toString());
        String signingInput = HEADER + "." + B64.encodeToString(bytes(claims));
        return new IssuedToken(signingInput + "." + B64.encodeToString(mac(signingInput)), ttl);
    }

    /** The client id the token was issued to, when its signature, issuer and expiry check out. */
    public Optional<String> verify(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || !HEADER.equals(parts[0])) {
            return Optional.empty();
        }
        try {
            byte[] presented = B64D.decode(parts[2]);
            if (!MessageDigest.isEqual(presented, mac(parts[0] + "." + parts[1]))) {
                return Optional.empty();
            }
            JsonNode claims = json.readTree(B64D.decode(parts[1]));
            boolean live = claims.path("exp").asLong(0) > clock.instant().getEpochSecond();
            boolean ours = config.nodeId().equals(claims.path("iss").asText());
            return live && ours ? Optional.of(claims.path("sub").asText()) : Optional.empty();
        } catch (IllegalArgumentException | java.io.IOException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private byte[] bytes(ObjectNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public record IssuedToken(String value, long expiresInSeconds) {
    }
}
