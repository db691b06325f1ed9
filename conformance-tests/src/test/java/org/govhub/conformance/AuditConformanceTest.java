package org.govhub.conformance;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The audit trail records who did what, its hash chain verifies, and its signed head verifies with openssl. */
class AuditConformanceTest {

    @Test
    void registrationIsInTheTrailAndTheChainIsIntact() {
        String platform = Hub.registeredToken("platform");
        Hub.asAdmin().queryParam("limit", 1000).get("/api/v1/audit").then().statusCode(200)
                .body("events.operation", hasItem("client.register"));
        Hub.asAdmin().get("/api/v1/audit/verification").then().statusCode(200).body("intact", equalTo(true));
        Hub.anonymous().auth().oauth2(platform).get("/api/v1/audit").then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void signedChainHeadVerifiesWithOpenssl() throws Exception {
        Response head = Hub.asAdmin().post("/api/v1/audit/head");
        head.then().statusCode(200);
        assertTrue(Openssl.verifiesWithHubCertificate(head.asByteArray(), Base64.getDecoder().decode(head.header("X-Signature"))));
    }
}
