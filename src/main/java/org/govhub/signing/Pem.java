package org.govhub.signing;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * PEM in the forms openssl 3.0 uses for SM2: {@code CERTIFICATE}, SPKI {@code PUBLIC KEY} and
 * PKCS#8 {@code PRIVATE KEY}. (Bouncy Castle's JcaPEMWriter would write an EC key as
 * {@code EC PRIVATE KEY}, hence the explicit PKCS#8 here.) Parse errors throw
 * {@link IllegalArgumentException}.
 */
public final class Pem {

    private Pem() {
    }

    public static String certificate(X509Certificate certificate) {
        try {
            return encode("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
    }

    public static String publicKey(PublicKey key) {
        return encode("PUBLIC KEY", requireEncoded(key.getEncoded(), "public key"));
    }

    /** Unencrypted PKCS#8; meant for tests and tooling, never for storing the hub's key. */
    public static String privateKey(PrivateKey key) {
        return encode("PRIVATE KEY", requireEncoded(key.getEncoded(), "private key"));
    }

    public static X509Certificate parseCertificate(String pem) {
        X509CertificateHolder holder = parse(pem, X509CertificateHolder.class, "CERTIFICATE");
        try {
            return new JcaX509CertificateConverter().setProvider(BouncyCastle.PROVIDER).getCertificate(holder);
        } catch (CertificateException e) {
            throw new IllegalArgumentException("unreadable certificate: " + e.getMessage(), e);
        }
    }

    public static PublicKey parsePublicKey(String pem) {
        SubjectPublicKeyInfo info = parse(pem, SubjectPublicKeyInfo.class, "PUBLIC KEY");
        try {
            return keyConverter().getPublicKey(info);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable public key: " + e.getMessage(), e);
        }
    }

    /** PKCS#8 {@code PRIVATE KEY}; a traditional {@code EC PRIVATE KEY} is accepted as well. */
    public static PrivateKey parsePrivateKey(String pem) {
        Object object = read(pem);
        try {
            if (object instanceof PrivateKeyInfo info) {
                return keyConverter().getPrivateKey(info);
            }
            if (object instanceof PEMKeyPair pair) {
                return keyConverter().getPrivateKey(pair.getPrivateKeyInfo());
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable private key: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("expected an unencrypted PRIVATE KEY PEM block, got " + describe(object));
    }

    private static JcaPEMKeyConverter keyConverter() {
        return new JcaPEMKeyConverter().setProvider(BouncyCastle.PROVIDER);
    }

    private static <T> T parse(String pem, Class<T> type, String label) {
        Object object = read(pem);
        if (!type.isInstance(object)) {
            throw new IllegalArgumentException("expected a " + label + " PEM block, got " + describe(object));
        }
        return type.cast(object);
    }

    private static Object read(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            return parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("malformed PEM: " + e.getMessage(), e);
        }
    }

    private static String describe(Object object) {
        return object == null ? "no PEM block" : object.getClass().getSimpleName();
    }

    private static byte[] requireEncoded(byte[] encoded, String what) {
        if (encoded == null) {
            throw new IllegalArgumentException(what + " has no encoded form (e.g. a hardware key)");
        }
        return encoded;
    }

    private static String encode(String type, byte[] der) {
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(new PemObject(type, der));
        } catch (IOException e) {
            throw new IllegalStateException("writing PEM to a string failed", e);
        }
        return text.toString();
    }
}
