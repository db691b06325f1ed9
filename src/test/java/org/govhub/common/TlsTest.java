package org.govhub.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Path;
import org.govhub.testing.HubTest;
import org.govhub.testing.Openssl;
import org.govhub.testing.TlsTestResource;
import org.junit.jupiter.api.Test;

/** TLS is switched on by configuration alone ({@link TlsTestResource}): a PEM certificate and key for the default TLS configuration. */
@QuarkusTest
@HubTest
class TlsTest {
    @TestHTTPResource(value = "/api/v1/node", tls = true)
    URL httpsNode;

    @Test
    void hubAnswersOverHttpsWithTheConfiguredCertificate() throws Exception {
        assertTrue(httpsNode.toString().startsWith("https://"), httpsNode.toString());
        given().relaxedHTTPSValidation().get(httpsNode).then().statusCode(200).body("nodeId", equalTo("govhub-test"));

        Openssl.Result handshake = Openssl.run(Path.of("target"), "s_client",
                "-connect", httpsNode.getHost() + ":" + httpsNode.getPort(), "-servername", "localhost", "-brief");
        assertTrue(handshake.output().contains(TlsTestResource.COMMON_NAME), handshake.output());
    }
}
