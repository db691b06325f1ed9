package org.govhub.conformance;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.builder.MultiPartSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The licence library end to end: issue, purpose-bound query, download, verify, revoke, signed status list. */
class LicenceConformanceTest {
    private static final String PURPOSE = "conformance case 2026-0001";
    private static final String TYPE_CODE = "11100000000013338W011";
    private static final String ISSUER = "11330300MB0000000X";

    @Test
    void issueQueryDownloadVerifyRevokeRoundTrip() throws Exception {
        String department = Hub.registeredToken("department");
        String id = licenceId(TYPE_CODE, ISSUER, Long.toString(System.currentTimeMillis()), 1);
        byte[] file = pdf(64 * 1024);
        String sm3 = Openssl.sm3Hex(file);

        Hub.anonymous().auth().oauth2(department)
                .multiPart(new MultiPartSpecBuilder(json(metadata(id))).controlName("metadata").mimeType("application/json")
                        .charset(StandardCharsets.UTF_8).build())
                .multiPart("file", "licence.pdf", file, "application/octet-stream")
                .post("/api/v1/licences").then().statusCode(201);

        Hub.anonymous().auth().oauth2(department).get("/api/v1/licences/" + id)
                .then().statusCode(400).contentType("application/problem+json");
        Hub.anonymous().auth().oauth2(department).header("X-Purpose", PURPOSE).get("/api/v1/licences/" + id)
                .then().statusCode(200).body("status", equalTo("valid")).body("file.sm3", equalTo(sm3));
        byte[] downloaded = Hub.anonymous().auth().oauth2(department).header("X-Purpose", PURPOSE)
                .get("/api/v1/licences/" + id + "/file").then().statusCode(200).extract().asByteArray();
        assertArrayEquals(file, downloaded);

        Hub.anonymous().auth().oauth2(department).contentType(ContentType.JSON).body(Map.of("id", id, "sm3", sm3))
                .post("/api/v1/licences/verification").then().statusCode(200).body("result", equalTo("valid"));
        String tamperedSm3 = Openssl.sm3Hex(flipOneByte(file));
        Hub.anonymous().auth().oauth2(department).contentType(ContentType.JSON).body(Map.of("id", id, "sm3", tamperedSm3))
                .post("/api/v1/licences/verification").then().statusCode(200).body("result", equalTo("tampered"));

        Hub.anonymous().auth().oauth2(department).contentType(ContentType.JSON).body(Map.of("reason", "conformance revocation"))
                .post("/api/v1/licences/" + id + "/revocation").then().statusCode(200).body("status", equalTo("revoked"));
        Hub.anonymous().auth().oauth2(department).contentType(ContentType.JSON).body(Map.of("id", id, "sm3", sm3))
                .post("/api/v1/licences/verification").then().statusCode(200).body("result", equalTo("revoked"));

        Response statusList = Hub.anonymous().get("/api/v1/licences/status-list");
        statusList.then().statusCode(200);
        assertTrue(statusList.asString().contains(id));
        assertTrue(Openssl.verifiesWithHubCertificate(statusList.asByteArray(),
                Base64.getDecoder().decode(statusList.header("X-Signature"))));
    }

    @Test
    void wrongCheckCharacterIsRejected() {
        String id = licenceId(TYPE_CODE, ISSUER, "123456", 1);
        char wrong = id.charAt(id.length() - 1) == 'A' ? 'B' : 'A';
        String department = Hub.registeredToken("department");
        Hub.anonymous().auth().oauth2(department).header("X-Purpose", PURPOSE)
                .get("/api/v1/licences/" + id.substring(0, id.length() - 1) + wrong)
                .then().statusCode(400).contentType("application/problem+json");
    }

    private static Map<String, Object> metadata(String id) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("licenceName", "营业执照");
        m.put("typeName", "营业执照");
        m.put("typeCode", TYPE_CODE);
        m.put("licenceNumber", "91330303MA2CONF" + id.hashCode());
        m.put("holderName", "一致性测试有限公司");
        m.put("holderIdType", "统一社会信用代码");
        m.put("holderIdNumber", "91330303MA2C0NF00X");
        m.put("issuerName", "一致性测试市场监督管理局");
        m.put("issuerCode", ISSUER);
        m.put("issueDate", "2026-01-05");
        m.put("validFrom", "2026-01-05");
        m.put("validTo", "2036-01-04");
        m.put("regionCode", Hub.nodeRegion());
        m.put("relatedLicenceIds", List.of());
        return m;
    }

    /** GB/T 36904 shape; check character by ISO/IEC 7064 MOD 37,36 over type + issuer + serial + version. */
    static String licenceId(String type, String issuer, String serial, int version) {
        String versionText = String.format("%03d", version);
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        int p = 36;
        for (char c : (type + issuer + serial + versionText).toCharArray()) {
            int s = (p % 37) + alphabet.indexOf(c);
            p = (s % 36 == 0 ? 36 : s % 36) * 2;
        }
        char check = alphabet.charAt((37 - p % 37) % 36);
        return "1.2.156.3005.2." + type + "." + issuer + "." + serial + "." + versionText + "." + check;
    }

    private static byte[] pdf(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        byte[] magic = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, bytes, 0, magic.length);
        return bytes;
    }

    private static byte[] flipOneByte(byte[] file) {
        byte[] copy = file.clone();
        copy[copy.length - 10] ^= 1;
        return copy;
    }

    private static String json(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
