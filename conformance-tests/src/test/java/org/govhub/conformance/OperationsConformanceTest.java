package org.govhub.conformance;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OperationsConformanceTest {

    @Test
    void readyAndLive() {
        Hub.anonymous().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        Hub.anonymous().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsInPrometheusFormat() {
        Hub.anonymous().get("/q/metrics").then().statusCode(200).body(containsString("# TYPE"));
    }

    @Test
    void signedNodeIdentityVerifiesWithOpensslAndTheServedCertificate() throws Exception {
        Path dir = Files.createTempDirectory("conformance-sig");
        Files.writeString(dir.resolve("cert.pem"),
                Hub.anonymous().get("/api/v1/signing/certificate").then().statusCode(200).extract().asString());
        Response node = Hub.anonymous().get("/api/v1/node");
        node.then().statusCode(200);
        Files.write(dir.resolve("body.json"), node.asByteArray());
        Files.write(dir.resolve("body.sig"), Base64.getDecoder().decode(node.header("X-Signature")));
        openssl(dir, "x509", "-in", "cert.pem", "-pubkey", "-noout", "-out", "pub.pem");
        assertTrue(Files.readString(dir.resolve("pub.pem")).contains("BEGIN PUBLIC KEY"));
        String out = openssl(dir, "dgst", "-sm3", "-verify", "pub.pem", "-sigopt", "distid:1234567812345678",
                "-signature", "body.sig", "body.json");
        assertTrue(out.contains("Verified OK"), out);
    }

    private static String openssl(Path dir, String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "openssl";
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return out;
    }
}
