package org.govhub.signing;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.govhub.common.HubClock;
import org.govhub.common.HubConfig;

/**
 * The node's one signer: SM3withSM2 with the standard ID 1234567812345678, DER, detached. Every
 * signature the hub makes (results, seals, bundles, receipts, audit heads) goes through here.
 */
@io.quarkus.runtime.Startup
@ApplicationScoped
public class SigningService {
    private final SigningKey key;
    private final String certificatePem;

    public SigningService(HubConfig config, HubClock clock) {
        Path keystore = config.signing().keystorePath().map(Path::of)
                .orElse(Path.of(config.dataDir(), "keys", "signing.p12"));
        try {
            this.key = SigningKeyStore.loadOrCreate(keystore, config.signing().keystorePassword().toCharArray(),
                    config.nodeId(), clock);
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot load or create the signing keystore " + keystore, e);
        }
        this.certificatePem = Pem.certificate(key.certificate());
    }

    public byte[] sign(byte[] data) {
        return Sm2Signatures.sign(key.privateKey(), data);
    }

    public String signBase64(byte[] data) {
        return Base64.getEncoder().encodeToString(sign(data));
    }

    public byte[] sign(InputStream data) throws java.io.IOException {
        return Sm2Signatures.sign(key.privateKey(), data);
    }

    /** Checks a signature this node made. */
    public boolean verifyOwn(byte[] data, byte[] signature) {
        return Sm2Signatures.verify(key.publicKey(), data, signature);
    }

    /** Checks a signature made by another party, given its certificate or public key in PEM. */
    public boolean verifyWith(String certificateOrPublicKeyPem, byte[] data, byte[] signature) {
        return Sm2Signatures.verify(publicKeyOf(certificateOrPublicKeyPem), data, signature);
    }

    public static PublicKey publicKeyOf(String pem) {
        return pem.contains("BEGIN CERTIFICATE") ? Pem.parseCertificate(pem).getPublicKey() : Pem.parsePublicKey(pem);
    }

    public X509Certificate certificate() {
        return key.certificate();
    }

    public String certificatePem() {
        return certificatePem;
    }
}
