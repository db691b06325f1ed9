package org.govhub.signing;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/** The hub's SM2 signing key and its self-signed certificate. */
public record SigningKey(PrivateKey privateKey, X509Certificate certificate) {

    public SigningKey {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certificate, "certificate");
    }

    public PublicKey publicKey() {
        return certificate.getPublicKey();
    }
}
