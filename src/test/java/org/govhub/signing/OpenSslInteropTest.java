package org.govhub.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Random;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cross-checks against openssl 3.0, which needs the distinguishing ID passed explicitly. */
class OpenSslInteropTest {

    private static final String DIST_ID = "distid:" + Sm2Signatures.DISTINGUISHING_ID;

    @TempDir
    Path dir;

    @Test
    void hubSignatureVerifiesWithOpensslCli() throws Exception {
        KeyPair pair = sm2KeyPair();
        byte[] data = sampleData();
        Files.write(dir.resolve("data"), data);
        Files.writeString(dir.resolve("pub.pem"), Pem.publicKey(pair.getPublic()));
        Files.write(dir.resolve("sig.der"), Sm2Signatures.sign(pair.getPrivate(), data));

        OpenSslCli.Result verified = opensslVerify("data");
        assertEquals(0, verified.exitCode(), verified.output());
        assertTrue(verified.output().contains("Verified OK"), verified.output());

        data[data.length / 2] ^= 0x01;
        Files.write(dir.resolve("tampered"), data);
        OpenSslCli.Result tampered = opensslVerify("tampered");
        assertNotEquals(0, tampered.exitCode(), tampered.output());
        assertFalse(tampered.output().contains("Verified OK"), tampered.output());
    }

    @Test
    void hubSignatureFromStreamVerifiesWithOpensslCliUsingThePublicKeyOfTheCertificate() throws Exception {
        SigningKey key = SigningKeyStore.create("interop", java.time.Clock.systemUTC());
        byte[] data = sampleData();
        Files.write(dir.resolve("data"), data);
        Files.writeString(dir.resolve("cert.pem"), Pem.certificate(key.certificate()));
        OpenSslCli.runOk(dir, "x509", "-in", "cert.pem", "-pubkey", "-noout", "-out", "pub.pem");
        try (InputStream in = Files.newInputStream(dir.resolve("data"))) {
            Files.write(dir.resolve("sig.der"), Sm2Signatures.sign(key.privateKey(), in));
        }

        OpenSslCli.Result verified = opensslVerify("data");
        assertEquals(0, verified.exitCode(), verified.output());
        assertTrue(verified.output().contains("Verified OK"), verified.output());
    }

    @Test
    void opensslSignatureVerifiesInHub() throws Exception {
        byte[] data = sampleData();
        Files.write(dir.resolve("data"), data);
        OpenSslCli.runOk(dir, "genpkey", "-algorithm", "SM2", "-out", "priv.pem");
        OpenSslCli.runOk(dir, "pkey", "-in", "priv.pem", "-pubout", "-out", "pub.pem");
        OpenSslCli.runOk(dir, "dgst", "-sm3", "-sign", "priv.pem", "-sigopt", DIST_ID, "-out", "sig.der", "data");
        PublicKey publicKey = Pem.parsePublicKey(Files.readString(dir.resolve("pub.pem")));
        byte[] signature = Files.readAllBytes(dir.resolve("sig.der"));

        assertTrue(Sm2Signatures.verify(publicKey, data, signature));
        try (InputStream in = Files.newInputStream(dir.resolve("data"))) {
            assertTrue(Sm2Signatures.verify(publicKey, in, signature));
        }
        data[0] ^= 0x01;
        assertFalse(Sm2Signatures.verify(publicKey, data, signature));
    }

    @Test
    void opensslSignatureWithoutTheStandardIdDoesNotVerifyInHub() throws Exception {
        // Guards the reason the ID is passed everywhere: openssl 3.0 otherwise signs with an empty ID.
        byte[] data = sampleData();
        Files.write(dir.resolve("data"), data);
        OpenSslCli.runOk(dir, "genpkey", "-algorithm", "SM2", "-out", "priv.pem");
        OpenSslCli.runOk(dir, "pkey", "-in", "priv.pem", "-pubout", "-out", "pub.pem");
        OpenSslCli.runOk(dir, "dgst", "-sm3", "-sign", "priv.pem", "-out", "sig.der", "data");

        PublicKey publicKey = Pem.parsePublicKey(Files.readString(dir.resolve("pub.pem")));
        assertFalse(Sm2Signatures.verify(publicKey, data, Files.readAllBytes(dir.resolve("sig.der"))));
    }

    @Test
    void hubExportedPrivateKeySignsForOpensslAndHubVerifies() throws Exception {
        KeyPair pair = sm2KeyPair();
        byte[] data = sampleData();
        Files.write(dir.resolve("data"), data);
        Files.writeString(dir.resolve("priv.pem"), Pem.privateKey(pair.getPrivate()));
        OpenSslCli.runOk(dir, "dgst", "-sm3", "-sign", "priv.pem", "-sigopt", DIST_ID, "-out", "sig.der", "data");

        assertTrue(Sm2Signatures.verify(pair.getPublic(), data, Files.readAllBytes(dir.resolve("sig.der"))));
    }

    private OpenSslCli.Result opensslVerify(String dataFile) throws Exception {
        return OpenSslCli.run(dir, "dgst", "-sm3", "-verify", "pub.pem", "-sigopt", DIST_ID,
                "-signature", "sig.der", dataFile);
    }

    private static byte[] sampleData() {
        byte[] data = new byte[100_000];
        new Random(11).nextBytes(data);
        byte[] header = "<return county=\"3301\"/>".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(header, 0, data, 0, header.length);
        return data;
    }

    private static KeyPair sm2KeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", new BouncyCastleProvider());
        generator.initialize(new ECGenParameterSpec("sm2p256v1"));
        return generator.generateKeyPair();
    }
}
