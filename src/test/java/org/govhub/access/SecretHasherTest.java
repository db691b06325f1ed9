package org.govhub.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.WithDefault;
import org.govhub.common.HubConfig;
import org.junit.jupiter.api.Test;

/** The production work factor, which the test profile lowers to keep the suite fast (application.properties). */
class SecretHasherTest {
    private static int productionIterations() throws Exception {
        return Integer.parseInt(HubConfig.Auth.class.getMethod("secretHashIterations").getAnnotation(WithDefault.class).value());
    }

    @Test
    void productionDefaultIs210000Iterations() throws Exception {
        assertEquals(210_000, productionIterations());
    }

    @Test
    void aSecretIsStoredSaltedAtTheProductionWorkFactorAndMatchesOnlyItself() throws Exception {
        SecretHasher hasher = new SecretHasher(productionIterations());
        String secret = SecretHasher.newSecret();
        String stored = hasher.hash(secret);
        assertTrue(stored.startsWith("pbkdf2-sha256$210000$"), stored);
        assertFalse(stored.contains(secret));
        assertNotEquals(stored, hasher.hash(secret), "a fresh salt each time");
        assertTrue(hasher.matches(secret, stored));
        assertFalse(hasher.matches(secret + "x", stored));
    }

    @Test
    void aHashMadeAtAnotherWorkFactorStillMatches() throws Exception {
        String stored = new SecretHasher(1000).hash("s3cret");
        assertTrue(new SecretHasher(productionIterations()).matches("s3cret", stored), "the count travels with the hash");
        assertFalse(new SecretHasher(productionIterations()).matches("other", stored));
    }
}
