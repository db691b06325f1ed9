package org.govhub.signing;

import java.security.Provider;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * One shared Bouncy Castle provider instance, handed to {@code getInstance} calls.
 * It is deliberately not registered with {@code Security.addProvider}: Quarkus manages
 * its own Bouncy Castle registration and a global one could clash with it.
 */
final class BouncyCastle {

    static final Provider PROVIDER = new BouncyCastleProvider();

    private BouncyCastle() {
    }
}
