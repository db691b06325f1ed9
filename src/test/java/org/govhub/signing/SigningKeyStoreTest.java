package org.govhub.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.ECPrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyStoreTest {

    private static final char[] PASSWORD = "s3cret-pass".toCharArray();
    private static final Instant NOW = Instant.parse("2026-03-14T09:26:53Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void createsKeystoreWithMode0600InMissingParentDirectories() throws Exception {
        Path file = dir.resolve("keys/nested/hub-signing.p12");

        SigningKeyStore.loadOrCreate(file, PASSWORD, "govhub-hub", CLOCK);

        assertTrue(Files.isRegularFile(file));
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
        try (Stream<Path> siblings = Files.list(file.getParent())) {
            assertEquals(List.of(file), siblings.toList(), "no temporary file left behind");
        }
    }

    @Test
    void loadingTwiceGivesTheSameCertificateAndAKeyThatVerifiesItsOwnSignatures() throws Exception {
        Path file = dir.resolve("hub-signing.p12");
        SigningKey created = SigningKeyStore.loadOrCreate(file, PASSWORD, "govhub-hub", CLOCK);
        byte[] fileAfterCreate = Files.readAllBytes(file);

        SigningKey first = SigningKeyStore.loadOrCreate(file, PASSWORD, "ignored-on-load", CLOCK);
        SigningKey second = SigningKeyStore.loadOrCreate(file, PASSWORD, "ignored-on-load", CLOCK);

        assertEquals(created.certificate(), first.certificate());
        assertEquals(first.certificate(), second.certificate());
        assertArrayEquals(created.privateKey().getEncoded(), second.privateKey().getEncoded());
        assertArrayEquals(fileAfterCreate, Files.readAllBytes(file), "loading must not rewrite the file");
        byte[] data = "payload".getBytes(StandardCharsets.UTF_8);
        assertTrue(Sm2Signatures.verify(second.publicKey(), data, Sm2Signatures.sign(first.privateKey(), data)));
        assertTrue(Sm2Signatures.verify(created.publicKey(), data, Sm2Signatures.sign(second.privateKey(), data)));
    }

    @Test
    void wrongPasswordIsRejected() throws Exception {
        Path file = dir.resolve("hub-signing.p12");
        SigningKeyStore.loadOrCreate(file, PASSWORD, "govhub-hub", CLOCK);

        assertThrows(Exception.class,
                () -> SigningKeyStore.loadOrCreate(file, "wrong".toCharArray(), "govhub-hub", CLOCK));
    }

    @Test
    void certificateIsSelfSignedSm2WithTheAgreedProfile() throws Exception {
        X509Certificate cert = SigningKeyStore.create("govhub-hub", CLOCK).certificate();

        cert.verify(cert.getPublicKey(), new BouncyCastleProvider());
        assertEquals("1.2.156.10197.1.501", cert.getSigAlgOID(), "SM3withSM2");
        assertEquals(3, cert.getVersion());
        X500Name expected = new X500Name("CN=govhub-hub, O=govhub");
        assertEquals(expected, X500Name.getInstance(cert.getSubjectX500Principal().getEncoded()));
        assertEquals(expected, X500Name.getInstance(cert.getIssuerX500Principal().getEncoded()));
        assertEquals(NOW, cert.getNotBefore().toInstant());
        assertEquals(Instant.parse("2036-03-14T09:26:53Z"), cert.getNotAfter().toInstant());
        assertEquals(-1, cert.getBasicConstraints(), "not a CA");
        boolean[] keyUsage = cert.getKeyUsage();
        assertTrue(keyUsage[0], "digitalSignature");
        assertTrue(keyUsage[1], "nonRepudiation");
        for (int bit = 2; bit < keyUsage.length; bit++) {
            assertFalse(keyUsage[bit], "unexpected key usage bit " + bit);
        }
        assertTrue(cert.getCriticalExtensionOIDs().containsAll(List.of("2.5.29.19", "2.5.29.15")));
        assertTrue(cert.getSerialNumber().signum() > 0);
    }

    @Test
    void serialNumbersAreRandom() throws Exception {
        X509Certificate a = SigningKeyStore.create("x", CLOCK).certificate();
        X509Certificate b = SigningKeyStore.create("x", CLOCK).certificate();

        assertFalse(a.getSerialNumber().equals(b.getSerialNumber()));
    }

    @Test
    void commonNameWithCommaCannotInjectAttributes() throws Exception {
        X509Certificate cert = SigningKeyStore.create("hub, O=evil", CLOCK).certificate();

        X500Name subject = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
        assertEquals(2, subject.getRDNs().length);
    }

    @Test
    void opensslParsesAndVerifiesTheSelfSignedCertificate() throws Exception {
        SigningKey key = SigningKeyStore.create("govhub-hub", CLOCK);
        Files.writeString(dir.resolve("cert.pem"), Pem.certificate(key.certificate()));

        String text = OpenSslCli.runOk(dir, "x509", "-in", "cert.pem", "-noout", "-text");
        assertTrue(text.contains("SM2-with-SM3"), text);
        assertTrue(text.contains("CN = govhub-hub, O = govhub"), text);
        assertTrue(text.contains("CA:FALSE"), text);
        assertTrue(text.contains("Digital Signature, Non Repudiation"), text);

        OpenSslCli.Result verify = OpenSslCli.run(dir, "verify", "-attime", String.valueOf(NOW.getEpochSecond() + 60),
                "-CAfile", "cert.pem", "cert.pem");
        assertEquals(0, verify.exitCode(), verify.output());
        assertTrue(verify.output().contains("cert.pem: OK"), verify.output());
    }

    @Test
    void opensslReadsTheKeystoreAndItsKeyMatchesTheCertificate() throws Exception {
        Path file = dir.resolve("k.p12");
        SigningKey key = SigningKeyStore.loadOrCreate(file, PASSWORD, "govhub-hub", CLOCK);

        String pem = OpenSslCli.runOk(dir, "pkcs12", "-in", "k.p12", "-nodes", "-passin",
                "pass:" + new String(PASSWORD));

        assertTrue(pem.contains("-----BEGIN PRIVATE KEY-----"), pem);
        assertTrue(pem.contains("-----BEGIN CERTIFICATE-----"), pem);
        assertTrue(pem.contains("friendlyName: " + SigningKeyStore.ALIAS), pem);
        String certificatePem = pem.substring(pem.indexOf("-----BEGIN CERTIFICATE-----"));
        String privateKeyPem = pem.substring(pem.indexOf("-----BEGIN PRIVATE KEY-----"));
        assertEquals(key.certificate(), Pem.parseCertificate(certificatePem));
        assertEquals(((ECPrivateKey) key.privateKey()).getS(), ((ECPrivateKey) Pem.parsePrivateKey(privateKeyPem)).getS());
    }

    @Test
    void garbageFileIsNotOverwritten() throws Exception {
        Path file = dir.resolve("k.p12");
        Files.writeString(file, "not a keystore");

        assertThrows(Exception.class, () -> SigningKeyStore.loadOrCreate(file, PASSWORD, "govhub-hub", CLOCK));
        assertEquals("not a keystore", Files.readString(file));
    }
}
