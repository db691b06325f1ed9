package org.govhub.cases;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.govhub.testing.Clients;
import org.govhub.testing.HubTest;
import org.govhub.testing.Openssl;
import org.junit.jupiter.api.Test;

@QuarkusTest
@HubTest
class CaseResultTest {

    private static String item() {
        return CatalogFixture.luchengItem();
    }

    @Test
    void resultSignatureVerifiesWithOpensslAndOneChangedByteFails() throws Exception {
        Clients.Registered platform = Clients.register("3303", "platform");
        ObjectNode record = CaseSamples.record(CaseSamples.caseNo("signed"), item(), "330302", 1);
        record.put("subject", CaseSamples.MULTI_SCRIPT);
        String caseNo = record.get("caseNo").asText();
        CaseApi.pushed(platform.token(), List.of(record));

        Response answer = given().auth().oauth2(platform.token()).get("/api/v1/cases/" + caseNo + "/result");
        assertEquals(200, answer.statusCode());
        byte[] body = answer.asByteArray();
        byte[] signature = Base64.getDecoder().decode(answer.header("X-Signature"));
        String certificate = given().get("/api/v1/signing/certificate").then().statusCode(200).extract().asString();

        Path dir = Files.createTempDirectory("case-result");
        Openssl.Result verified = Openssl.verifyWithCertificate(dir, certificate, body, signature);
        assertTrue(verified.ok(), verified.output());
        assertTrue(verified.output().contains("Verified OK"), verified.output());

        byte[] tampered = body.clone();
        int at = new String(body, java.nio.charset.StandardCharsets.UTF_8).indexOf("20000");
        tampered[at] = (byte) '9';
        Openssl.Result refused = Openssl.verifyWithCertificate(dir, certificate, tampered, signature);
        assertFalse(refused.ok(), refused.output());

        JsonNode document = CaseJson.MAPPER.readTree(body);
        assertEquals(caseNo, document.get("caseNo").asText());
        assertEquals("fine", document.get("result").get("penalty").get("kind").asText());
        assertEquals(20000, document.get("result").get("penalty").get("amountYuan").asInt());
        assertEquals(CaseSamples.MULTI_SCRIPT, document.get("subject").asText());
        assertFalse(new String(body, java.nio.charset.StandardCharsets.UTF_8).contains(record.get("applicant").get("idNumber").asText()),
                "the signed result never carries the ID number");
    }

    @Test
    void caseWithoutResultHasNoSignedResultYet() {
        Clients.Registered platform = Clients.register("3303", "platform");
        ObjectNode record = CaseSamples.record(CaseSamples.caseNo("open"), item(), "330302", 1);
        record.put("status", "handling");
        record.remove("result");
        CaseApi.pushed(platform.token(), List.of(record));
        given().auth().oauth2(platform.token()).get("/api/v1/cases/" + record.get("caseNo").asText() + "/result")
                .then().statusCode(409).contentType("application/problem+json");
    }
}
