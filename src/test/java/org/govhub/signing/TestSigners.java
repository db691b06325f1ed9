package org.govhub.signing;

import java.security.GeneralSecurityException;
import java.time.Clock;

/** Fresh SM2 keys with self-signed certificates, made the way the hub makes its own, for tests that play a peer. */
public final class TestSigners {
    private TestSigners() {
    }

    public static SigningKey create(String commonName) {
        try {
            return SigningKeyStore.create(commonName, Clock.systemUTC());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
