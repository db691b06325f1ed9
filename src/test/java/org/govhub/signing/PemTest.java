package org.govhub.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemTest {

    private static SigningKey key;

    @TempDir
    Path dir;

    @BeforeAll
    static void createKey() throws Exception {
        key = SigningKeyStore.create("pem-test", Clock.systemUTC());
    }

    @Test
    void certificateRoundTripsThroughPem() {
        String pem = Pem.certificate(key.certificate());

        assertTrue(pem.startsWith("-----BEGIN CERTIFICATE-----"), pem);
        X509Certificate parsed = Pem.parseCertificate(pem);
        assertEquals(key.certificate(), parsed);
        byte[] data = "x".getBytes(StandardCharsets.UTF_8);
        assertTrue(Sm2Signatures.verify(parsed.getPublicKey(), data, Sm2Signatures.sign(key.privateKey(), data)));
    }

    @Test
    void publicKeyIsWrittenAsSpkiPublicKeyAndRoundTrips() {
        String pem = Pem.publicKey(key.publicKey());

        assertTrue(pem.startsWith("-----BEGIN PUBLIC KEY-----"), pem);
        PublicKey parsed = Pem.parsePublicKey(pem);
        assertArrayEquals(key.publicKey().getEncoded(), parsed.getEncoded());
        byte[] data = "y".getBytes(StandardCharsets.UTF_8);
        assertTrue(Sm2Signatures.verify(parsed, data, Sm2Signatures.sign(key.privateKey(), data)));
    }

    @Test
    void privateKeyIsWrittenAsPkcs8PrivateKeyAndRoundTrips() {
        String pem = Pem.privateKey(key.privateKey());

        assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----"), pem);
        PrivateKey parsed = Pem.parsePrivateKey(pem);
        byte[] data = "z".getBytes(StandardCharsets.UTF_8);
        assertTrue(Sm2Signatures.verify(key.publicKey(), data, Sm2Signatures.sign(parsed, data)));
    }

    @Test
    void opensslReadsTheWrittenPublicAndPrivateKeysAsSm2() throws Exception {
        Files.writeString(dir.resolve("pub.pem"), Pem.publicKey(key.publicKey()));
        Files.writeString(dir.resolve("priv.pem"), Pem.privateKey(key.privateKey()));

        String publicText = OpenSslCli.runOk(dir, "pkey", "-pubin", "-in", "pub.pem", "-noout", "-text");
        String derivedPublic = OpenSslCli.runOk(dir, "pkey", "-in", "priv.pem", "-pubout");

        assertTrue(publicText.contains("SM2"), publicText);
        assertEquals(Pem.publicKey(key.publicKey()).strip(), derivedPublic.strip());
    }

    @Test
    void traditionalEcPrivateKeyIsAcceptedToo() throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(key.privateKey());
        }
        String traditional = text.toString();
        assertTrue(traditional.startsWith("-----BEGIN EC PRIVATE KEY-----"), traditional);

        PrivateKey parsed = Pem.parsePrivateKey(traditional);
        byte[] data = "w".getBytes(StandardCharsets.UTF_8);
        assertTrue(Sm2Signatures.verify(key.publicKey(), data, Sm2Signatures.sign(parsed, data)));
    }

    @Test
    void wrongOrMalformedPemIsRejectedWithIllegalArgument() {
        String certificatePem = Pem.certificate(key.certificate());
        String publicKeyPem = Pem.publicKey(key.publicKey());

        assertThrows(IllegalArgumentException.class, () -> Pem.parsePublicKey(certificatePem));
        assertThrows(IllegalArgumentException.class, () -> Pem.parseCertificate(publicKeyPem));
        assertThrows(IllegalArgumentException.class, () -> Pem.parsePrivateKey(publicKeyPem));
        assertThrows(IllegalArgumentException.class, () -> Pem.parseCertificate("no pem here"));
        assertThrows(IllegalArgumentException.class,
                () -> Pem.parseCertificate("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"));
    }
}
