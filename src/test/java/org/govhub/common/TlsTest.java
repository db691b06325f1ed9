package org.govhub.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.govhub.testing.HubTest;
import org.govhub.testing.Openssl;
import org.junit.jupiter.api.Test;

/** TLS is switched on by configuration alone: a PEM certificate and key for the default TLS configuration. */
@QuarkusTest
@HubTest
@TestProfile(TlsTest.WithTls.class)
class TlsTest {
    @TestHTTPResource(value = "/api/v1/node", tls = true)
    URL httpsNode;

    @Test
    void hubAnswersOverHttpsWithTheConfiguredCertificate() throws Exception {
        assertTrue(httpsNode.toString().startsWith("https://"), httpsNode.toString());
        given().relaxedHTTPSValidation().get(httpsNode).then().statusCode(200).body("nodeId", equalTo("govhub-test"));

        Openssl.Result handshake = Openssl.run(WithTls.DIR, "s_client", "-connect", httpsNode.getHost() + ":" + httpsNode.getPort(),
                "-servername", "localhost", "-brief");
        assertTrue(handshake.output().contains("govhub-tls-test"), handshake.output());
    }

    public static class WithTls implements QuarkusTestProfile {
        static final Path DIR = createCertificate();

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.tls.key-store.pem.0.cert", DIR.resolve("tls.crt").toString(),
                    "quarkus.tls.key-store.pem.0.key", DIR.resolve("tls.key").toString(),
                    "quarkus.http.test-ssl-port", "0");
        }

        private static Path createCertificate() {
            try {
                Path dir = Files.createTempDirectory("tls-test");
                Openssl.Result made = Openssl.run(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                        "-nodes", "-keyout", "tls.key", "-out", "tls.crt", "-days", "2",
                        "-subj", "/CN=govhub-tls-test", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1");
                if (!made.ok()) {
                    throw new IllegalStateException(made.output());
                }
                return dir;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
