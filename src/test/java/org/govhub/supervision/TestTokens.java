package org.govhub.supervision;

import io.quarkus.arc.Arc;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.govhub.common.HubClock;
import org.govhub.testing.Clients;

/**
 * Tokens for the supervision tests' clients, valid at the hub clock's current instant: tests pin the
 * clock to 2026 dates, and a token issued at another instant would be expired (or not yet valid) there.
 * Each client is registered once; a new token is issued whenever the clock has left the old one's hour.
 */
final class TestTokens {
    private record Issued(Clients.Registered client, String token, Instant at) {
    }

    private static final Map<String, Issued> ISSUED = new ConcurrentHashMap<>();

    private TestTokens() {
    }

    static String token(String key, Supplier<Clients.Registered> register) {
        Instant now = Arc.container().instance(HubClock.class).get().instant();
        Issued issued = ISSUED.compute(key, (k, old) -> {
            if (old != null && !now.isBefore(old.at()) && now.isBefore(old.at().plus(Duration.ofMinutes(50)))) {
                return old;
            }
            Clients.Registered client = old == null ? register.get() : old.client();
            return new Issued(client, Clients.token(client.clientId(), client.secret()), now);
        });
        return issued.token();
    }
}
