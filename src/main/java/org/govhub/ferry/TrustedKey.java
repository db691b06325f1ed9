package org.govhub.ferry;

import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import org.govhub.signing.Pem;
import org.govhub.signing.Sm3;

/** The peer across the gap whose signatures this node accepts: its public key and the SM3 of its certificate. */
public record TrustedKey(PublicKey key, String certificateSm3) {

    public static TrustedKey of(X509Certificate certificate) {
        try {
            return new TrustedKey(certificate.getPublicKey(), Sm3.hex(Sm3.digest(certificate.getEncoded())));
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
    }

    public static TrustedKey ofPem(String certificatePem) {
        return of(Pem.parseCertificate(certificatePem));
    }
}
