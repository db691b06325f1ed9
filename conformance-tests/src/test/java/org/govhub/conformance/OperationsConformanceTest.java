package org.govhub.conformance;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.util.Base64;
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
        Response node = Hub.anonymous().get("/api/v1/node");
        node.then().statusCode(200);
        byte[] body = node.asByteArray();
        byte[] signature = Base64.getDecoder().decode(node.header("X-Signature"));
        assertTrue(Openssl.verifiesWithHubCertificate(body, signature));
        body[body.length / 2] ^= 1;
        assertTrue(!Openssl.verifiesWithHubCertificate(body, signature));
    }
}
