package org.govhub.signing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.govhub.testing.HubTest;
import org.govhub.testing.Openssl;
import org.junit.jupiter.api.Test;

@QuarkusTest
@HubTest
class SigningInteropTest {
    Path dir;

    @org.junit.jupiter.api.BeforeEach
    void workDir() throws java.io.IOException {
        dir = Files.createTempDirectory("interop");
    }

    @Test
    void certificateIsPublicPemThatOpensslParses() throws Exception {
        String pem = given().get("/api/v1/signing/certificate")
                .then().statusCode(200).contentType("application/x-pem-file")
                .body(containsString("BEGIN CERTIFICATE")).extract().asString();
        Files.writeString(dir.resolve("cert.pem"), pem);
        Openssl.Result text = Openssl.run(dir, "x509", "-in", "cert.pem", "-noout", "-text");
        assertTrue(text.ok(), text.output());
        assertTrue(text.output().contains("SM2") || text.output().contains("sm2"), text.output());
        assertTrue(text.output().contains("CN = govhub-test"), text.output());
    }

    @Test
    void hubSignatureVerifiesWithOpensslAndOneChangedByteFails() throws Exception {
        String pem = given().get("/api/v1/signing/certificate").then().extract().asString();
        Response node = given().get("/api/v1/node");
        node.then().statusCode(200).body("nodeId", equalTo("govhub-test")).body("tier", equalTo("province"));
        byte[] body = node.asByteArray();
        byte[] signature = Base64.getDecoder().decode(node.header("X-Signature"));

        Openssl.Result verified = Openssl.verifyWithCertificate(dir, pem, body, signature);
        assertTrue(verified.ok(), verified.output());
        assertTrue(verified.output().contains("Verified OK"));

        byte[] tampered = body.clone();
        tampered[tampered.length / 2] ^= 0x01;
        Openssl.Result rejected = Openssl.verifyWithCertificate(dir, pem, tampered, signature);
        assertFalse(rejected.ok(), rejected.output());
    }

    @Test
    void opensslSignatureVerifiesInHubAndTamperedDataDoesNot() throws Exception {
        assertTrue(Openssl.run(dir, "genpkey", "-algorithm", "SM2", "-out", "priv.pem").ok());
        assertTrue(Openssl.run(dir, "pkey", "-in", "priv.pem", "-pubout", "-out", "pub.pem").ok());
        byte[] data = "办件 330303 结果：准予许可".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Files.write(dir.resolve("data.bin"), data);
        Openssl.Result signed = Openssl.run(dir, "dgst", "-sm3", "-sign", "priv.pem", "-sigopt", Openssl.SM2_ID, "-out", "sig.der", "data.bin");
        assertTrue(signed.ok(), signed.output());
        String publicKey = Files.readString(dir.resolve("pub.pem"));
        String signature = Base64.getEncoder().encodeToString(Files.readAllBytes(dir.resolve("sig.der")));

        given().contentType(ContentType.JSON)
                .body(Map.of("data", Base64.getEncoder().encodeToString(data), "signature", signature, "certificate", publicKey))
                .post("/api/v1/signing/verification")
                .then().statusCode(200).body("valid", equalTo(true)).body("algorithm", equalTo("SM3withSM2"));

        byte[] tampered = data.clone();
        tampered[0] ^= 0x01;
        given().contentType(ContentType.JSON)
                .body(Map.of("data", Base64.getEncoder().encodeToString(tampered), "signature", signature, "certificate", publicKey))
                .post("/api/v1/signing/verification")
                .then().statusCode(200).body("valid", equalTo(false));
    }

    @Test
    void verificationRejectsBadBase64WithFieldErrors() {
        given().contentType(ContentType.JSON)
                .body(Map.of("data", "%%%", "signature", "", "certificate", "not a pem"))
                .post("/api/v1/signing/verification")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItems("data", "signature", "certificate"));
    }

    @Test
    void keystoreFileIsOwnerReadWriteOnly() throws Exception {
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(Path.of("target/test-data/keys/signing.p12"));
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), mode);
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(Path.of("target/test-data/keys/token-hmac.key")));
    }
}
