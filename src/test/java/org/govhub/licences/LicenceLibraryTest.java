package org.govhub.licences;

import static io.restassured.RestAssured.given;
import static org.govhub.licences.LicenceFixtures.PURPOSE;
import static org.govhub.licences.LicenceFixtures.issue;
import static org.govhub.licences.LicenceFixtures.metadata;
import static org.govhub.licences.LicenceFixtures.pdf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.govhub.common.HubClock;
import org.govhub.common.HubConfig;
import org.govhub.common.storage.ObjectStore;
import org.govhub.signing.CanonicalJson;
import org.govhub.signing.SigningService;
import org.govhub.signing.Sm3;
import org.govhub.testing.Clients;
import org.govhub.testing.HubTest;
import org.govhub.testing.Openssl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 5 acceptance: issue, query, download, verify, revoke and the status list against real PostgreSQL and S3. */
@QuarkusTest
@HubTest
class LicenceLibraryTest {
    @Inject
    HubClock clock;

    @Inject
    ObjectStore store;

    @Inject
    HubConfig config;

    @Inject
    SigningService signing;

    @Inject
    AgroalDataSource dataSource;

    private Clients.Registered department;

    @BeforeEach
    void registerDepartment() {
        department = Clients.register("3303", "department");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void issuedLicenceRoundTripsThroughQueryDownloadAndVerification() {
        Map<String, Object> metadata = metadata("330303");
        String id = (String) metadata.get("id");
        byte[] file = pdf(70_000, 1);
        String sm3 = Sm3.hex(Sm3.digest(file));

        issue(department.token(), metadata, file).then().statusCode(201)
                .header("Location", containsString("/api/v1/licences/" + id))
                .body("id", equalTo(id)).body("status", equalTo("valid"))
                .body("file.size", equalTo(file.length)).body("file.sm3", equalTo(sm3))
                .body("file.contentType", equalTo("application/pdf"))
                .body("metadata.holderName", equalTo(metadata.get("holderName")));

        JsonPath licence = given().auth().oauth2(department.token()).header("X-Purpose", PURPOSE)
                .get("/api/v1/licences/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals(metadata.get("licenceNumber"), licence.getString("metadata.licenceNumber"));
        assertEquals("2036-01-04", licence.getString("metadata.validTo"));
        assertEquals(sm3, licence.getString("seal.record.fileSm3"));

        byte[] downloaded = given().auth().oauth2(department.token()).header("X-Purpose", PURPOSE)
                .get("/api/v1/licences/" + id + "/file").then().statusCode(200)
                .contentType("application/pdf")
                .header("ETag", "\"" + sm3 + "\"")
                .header("Content-Length", String.valueOf(file.length))
                .header("Accept-Ranges", "bytes")
                .extract().asByteArray();
        assertArrayEquals(file, downloaded);
        assertArrayEquals(file, storedObjectBytes(id), "the object in S3 holds exactly the uploaded bytes");

        given().auth().oauth2(department.token()).multiPart("file", "presented.pdf", downloaded, "application/pdf")
                .multiPart("id", id).post("/api/v1/licences/verification")
                .then().statusCode(200).body("result", equalTo("valid")).body("id", equalTo(id))
                .body("sm3", equalTo(sm3)).body("seal.record.licenceId", equalTo(id));
        given().auth().oauth2(department.token()).contentType(ContentType.JSON).body(Map.of("id", id, "sm3", sm3))
                .post("/api/v1/licences/verification")
                .then().statusCode(200).body("result", equalTo("valid"));
    }

    @Test
    void fileWithOneByteChangedIsTampered() {
        Map<String, Object> metadata = metadata("330303");
        String id = (String) metadata.get("id");
        byte[] file = pdf(10_000, 2);
        issue(department.token(), metadata, file).then().statusCode(201);
        byte[] altered = file.clone();
        altered[5_000] ^= 0x01;

        given().auth().oauth2(department.token()).multiPart("file", "presented.pdf", altered, "application/pdf")
                .multiPart("id", id).post("/api/v1/licences/verification")
                .then().statusCode(200).body("result", equalTo("tampered")).body("id", equalTo(id))
                .body("sm3", equalTo(Sm3.hex(Sm3.digest(altered))))
                .body("seal.record.fileSm3", equalTo(Sm3.hex(Sm3.digest(file))));
        given().auth().oauth2(department.token()).contentType(ContentType.JSON)
                .body(Map.of("id", id, "sm3", Sm3.hex(Sm3.digest(altered))))
                .post("/api/v1/licences/verification")
                .then().statusCode(200).body("result", equalTo("tampered"));
    }

    @Test
    void fileUnknownToTheLibraryIsUnknownWithoutAnId() {
        given().auth().oauth2(department.token()).multiPart("file", "presented.pdf", pdf(2_000, 99), "application/pdf")
                .post("/api/v1/licences/verification")
                .then().statusCode(200).body("result", equalTo("unknown")).body("seal", nullValue());
        given().auth().oauth2(department.token()).contentType(ContentType.JSON)
                .body(Map.of("id", LicenceFixtures.newId().toString(), "sm3", "ab".repeat(32)))
                .post("/api/v1/licences/verification")
                .then().statusCode(200).body("result", equalTo("unknown"));
    }

    @Test
    void fileAloneIsFoundByItsDigest() {
        Map<String, Object> metadata = metadata("330303");
        byte[] file = pdf(3_000, 3);
        issue(department.token(), metadata, file).then().statusCode(201);
        given().auth().oauth2(department.token()).multiPart("file", "presented.pdf", file, "application/pdf")
                .post("/api/v1/licences/verification")
                .then().statusCode(200).body("result", equalTo("valid")).body("id", equalTo(metadata.get("id")));
    }

    @Test
    void storedRecordAlteredAfterSealingVerifiesAsTampered() throws Exception {
        Map<String, Object> metadata = metadata("330303");
        String id = (String) metadata.get("id");
        byte[] file = pdf(3_000, 4);
        issue(department.token(), metadata, file).then().statusCode(201);
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("update licence set metadata = replace(metadata, '示例', '伪造') where licence_id = ?")) {
            s.setString(1, id);
            assertEquals(1, s.executeUpdate());
        }
        assertEquals(1, rowCountWhere("licence_id = '" + id + "' and metadata like '%伪造%'"));
        given().auth().oauth2(department.token()).contentType(ContentType.JSON)
                .body(Map.of("id", id, "sm3", Sm3.hex(Sm3.digest(file))))
                .post("/api/v1/licences/verification")
                .then().statusCode(200).body("result", equalTo("tampered"))
                .body("reason", containsString("seal"));
    }

    @Test
    void revokedLicenceVerifiesAsRevokedAndIsOnTheStatusList() {
        Map<String, Object> metadata = metadata("330303");
        String id = (String) metadata.get("id");
        byte[] file = pdf(4_000, 5);
        issue(department.token(), metadata, file).then().statusCode(201);

        int generation = given().auth().oauth2(department.token()).contentType(ContentType.JSON)
                .body(Map.of("reason", "营业执照已注销 (company dissolved)"))
                .post("/api/v1/licences/" + id + "/revocation")
                .then().statusCode(200).body("status", equalTo("revoked")).body("id", equalTo(id))
                .extract().path("generation");

        given().auth().oauth2(department.token()).contentType(ContentType.JSON)
                .body(Map.of("id", id, "sm3", Sm3.hex(Sm3.digest(file))))
                .post("/api/v1/licences/verification")
                .then().statusCode(200).body("result", equalTo("revoked"))
                .body("reason", equalTo("营业执照已注销 (company dissolved)"));
        given().auth().oauth2(department.token()).header("X-Purpose", PURPOSE).get("/api/v1/licences/" + id)
                .then().statusCode(200).body("status", equalTo("revoked"))
                .body("statusReason", equalTo("营业执照已注销 (company dissolved)"));
        JsonPath list = given().get("/api/v1/licences/status-list").then().statusCode(200).extract().jsonPath();
        assertTrue(list.getLong("generation") >= generation);
        assertEquals("revoked", list.getString("entries.find { it.id == '" + id + "' }.status"));
    }

    @Test
    void secondRevocationIsAConflict() {
        Map<String, Object> metadata = metadata("330303");
        String id = (String) metadata.get("id");
        issue(department.token(), metadata, pdf(1_000, 6)).then().statusCode(201);
        given().auth().oauth2(department.token()).contentType(ContentType.JSON).body(Map.of("reason", "error in the register"))
                .post("/api/v1/licences/" + id + "/revocation").then().statusCode(200);
        given().auth().oauth2(department.token()).contentType(ContentType.JSON).body(Map.of("reason", "again"))
                .post("/api/v1/licences/" + id + "/revocation")
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void revocationNeedsAReason() {
        Map<String, Object> metadata = metadata("330303");
        String id = (String) metadata.get("id");
        issue(department.token(), metadata, pdf(1_000, 7)).then().statusCode(201);
        given().auth().oauth2(department.token()).contentType(ContentType.JSON).body(Map.of("reason", "  "))
                .post("/api/v1/licences/" + id + "/revocation")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("reason"));
    }

    @Test
    void onlyTheIssuingClientMayRevoke() {
        Map<String, Object> metadata = metadata("330303");
        String id = (String) metadata.get("id");
        issue(department.token(), metadata, pdf(1_000, 8)).then().statusCode(201);
        Clients.Registered colleague = Clients.register("3303", "department");
        given().auth().oauth2(colleague.token()).contentType(ContentType.JSON).body(Map.of("reason", "not mine"))
                .post("/api/v1/licences/" + id + "/revocation")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(department.token()).header("X-Purpose", PURPOSE).get("/api/v1/licences/" + id)
                .then().statusCode(200).body("status", equalTo("valid"));
    }

    @Test
    void licencePastItsValidToIsExpired() {
        LocalDate today = LocalDate.now(clock);
        LicenceId licenceId = LicenceFixtures.newId();
        String id = licenceId.toString();
        String holder = LicenceFixtures.newHolderIdNumber();
        byte[] file = pdf(2_000, 9);
        issue(department.token(), metadata(licenceId, "330303", holder, today), file).then().statusCode(201)
                .body("status", equalTo("valid"));

        clock.advance(Duration.ofDays(2));
        String token = Clients.token(department.clientId(), department.secret());
        given().auth().oauth2(token).header("X-Purpose", PURPOSE).get("/api/v1/licences/" + id)
                .then().statusCode(200).body("status", equalTo("expired"))
                .body("statusSince", equalTo(today.plusDays(1).atStartOfDay(clock.getZone()).toInstant().toString()));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("id", id, "sm3", Sm3.hex(Sm3.digest(file))))
                .post("/api/v1/licences/verification")
                .then().statusCode(200).body("result", equalTo("expired"));
        given().auth().oauth2(token).header("X-Purpose", PURPOSE).queryParam("holderIdNumber", holder)
                .queryParam("status", "expired").get("/api/v1/licences")
                .then().statusCode(200).body("licences.id", equalTo(List.of(id)));
        given().get("/api/v1/licences/status-list").then().statusCode(200)
                .body("entries.find { it.id == '" + id + "' }.status", equalTo("expired"));
    }

    @Test
    void licenceStillValidOnItsLastDay() {
        LocalDate today = LocalDate.now(clock);
        LicenceId licenceId = LicenceFixtures.newId();
        issue(department.token(), metadata(licenceId, "330303", LicenceFixtures.newHolderIdNumber(), today.plusDays(1)),
                pdf(1_000, 10)).then().statusCode(201);
        clock.advance(Duration.ofDays(1));
        given().auth().oauth2(Clients.token(department.clientId(), department.secret())).header("X-Purpose", PURPOSE)
                .get("/api/v1/licences/" + licenceId).then().statusCode(200).body("status", equalTo("valid"));
    }

    @Test
    void sealVerifiesWithTheOpensslCli() throws Exception {
        Map<String, Object> metadata = metadata("330303");
        String id = (String) metadata.get("id");
        byte[] file = pdf(5_000, 11);
        issue(department.token(), metadata, file).then().statusCode(201);
        JsonPath licence = given().auth().oauth2(department.token()).header("X-Purpose", PURPOSE)
                .get("/api/v1/licences/" + id).then().statusCode(200).extract().jsonPath();
        byte[] payload = Base64.getDecoder().decode(licence.getString("seal.payload"));
        byte[] signature = Base64.getDecoder().decode(licence.getString("seal.signature"));
        String certificate = given().get("/api/v1/signing/certificate").then().statusCode(200).extract().asString();

        Path dir = tempDir("licence-seal");
        Openssl.Result verified = Openssl.verifyWithCertificate(dir, certificate, payload, signature);
        assertTrue(verified.ok(), verified.output());
        assertTrue(verified.output().contains("Verified OK"), verified.output());

        // The payload is the canonical JSON of the seal record and binds id, metadata digest, file digest and size.
        Map<String, Object> record = licence.getMap("seal.record");
        assertArrayEquals(CanonicalJson.bytes(record), payload);
        assertEquals(id, record.get("licenceId"));
        assertEquals(file.length, ((Number) record.get("fileSize")).intValue());
        assertEquals(Sm3.hex(CanonicalJsonDigest.of(licence.getMap("metadata"))), record.get("metadataSm3"));
        Files.write(dir.resolve("licence.pdf"), file);
        Openssl.Result fileDigest = Openssl.run(dir, "dgst", "-sm3", "licence.pdf");
        assertTrue(fileDigest.output().strip().endsWith(Sm3.hex(Sm3.digest(file))), fileDigest.output());

        byte[] forged = new String(payload, StandardCharsets.UTF_8).replace("\"fileSize\":" + file.length,
                "\"fileSize\":" + (file.length + 1)).getBytes(StandardCharsets.UTF_8);
        assertFalse(Openssl.verifyWithCertificate(dir, certificate, forged, signature).ok(),
                "a seal over altered bytes must not verify");
    }

    @Test
    void statusListIsCanonicalJsonSignedByTheHub() throws Exception {
        io.restassured.response.Response response = given().get("/api/v1/licences/status-list");
        response.then().statusCode(200).header("Cache-Control", containsString("max-age"))
                .body("format", equalTo("govhub-licence-status-list/1"))
                .body("issuer", equalTo(config.nodeId()));
        byte[] body = response.asByteArray();
        byte[] signature = Base64.getDecoder().decode(response.header("X-Signature"));
        Path dir = tempDir("status-list");
        Openssl.Result verified = Openssl.verifyWithCertificate(dir, signing.certificatePem(), body, signature);
        assertTrue(verified.ok(), verified.output());
        assertArrayEquals(CanonicalJson.bytes(response.jsonPath().getMap("")), body);
    }

    @Test
    void readWithoutPurposeIsRefusedAndTheRefusalRecorded() {
        Map<String, Object> metadata = metadata("330303");
        String id = (String) metadata.get("id");
        issue(department.token(), metadata, pdf(1_000, 12)).then().statusCode(201);

        given().auth().oauth2(department.token()).get("/api/v1/licences/" + id)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("X-Purpose"));
        given().auth().oauth2(department.token()).get("/api/v1/licences/" + id + "/file")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(department.token()).header("X-Purpose", " ")
                .queryParam("holderIdNumber", metadata.get("holderIdNumber")).get("/api/v1/licences")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(Clients.adminToken()).queryParam("resource", id).get("/api/v1/audit")
                .then().statusCode(200)
                .body("events.findAll { it.operation == 'licence.read' }.outcome", equalTo(List.of("refused-no-purpose")))
                .body("events.findAll { it.operation == 'licence.file' }.outcome", equalTo(List.of("refused-no-purpose")));
    }

    @Test
    void readWithPurposeIsInTheAuditTrail() {
        Map<String, Object> metadata = metadata("330303");
        String id = (String) metadata.get("id");
        String holder = (String) metadata.get("holderIdNumber");
        issue(department.token(), metadata, pdf(1_000, 13)).then().statusCode(201);

        given().auth().oauth2(department.token()).header("X-Purpose", PURPOSE).get("/api/v1/licences/" + id)
                .then().statusCode(200);
        given().auth().oauth2(department.token()).header("X-Purpose", "%E5%8A%9E%E4%BB%B6 2026-000042")
                .get("/api/v1/licences/" + id + "/file").then().statusCode(200);
        given().auth().oauth2(department.token()).header("X-Purpose", PURPOSE).queryParam("holderIdNumber", holder)
                .get("/api/v1/licences").then().statusCode(200).body("licences.id", equalTo(List.of(id)));

        JsonPath audit = given().auth().oauth2(Clients.adminToken()).queryParam("resource", id).get("/api/v1/audit")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("licence.issue", "licence.read", "licence.file", "licence.search"),
                audit.getList("events.operation"));
        assertEquals(List.of(department.clientId()), audit.getList("events.clientId").stream().distinct().toList());
        assertEquals(PURPOSE, audit.getString("events.find { it.operation == 'licence.read' }.purpose"));
        assertEquals("办件 2026-000042", audit.getString("events.find { it.operation == 'licence.file' }.purpose"));
        List<String> digests = audit.getList("events.subjectDigest");
        assertEquals(1, digests.stream().distinct().count(), "one holder, one salted digest: " + digests);
        assertEquals(64, digests.get(0).length());
        assertFalse(audit.prettify().contains(holder), "the holder's ID number never appears in clear");
    }

    @Test
    void licenceIdWithWrongCheckCharacterIsA400Problem() {
        LicenceId good = LicenceFixtures.newId();
        char wrong = good.checkCharacter() == 'A' ? 'B' : 'A';
        String bad = good.toString().substring(0, good.toString().length() - 1) + wrong;
        given().auth().oauth2(department.token()).header("X-Purpose", PURPOSE).get("/api/v1/licences/" + bad)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("licenceId"))
                .body("errors[0].message", containsString("gives " + good.checkCharacter()));
        Map<String, Object> metadata = metadata(good, "330303", LicenceFixtures.newHolderIdNumber(), LocalDate.of(2030, 1, 1));
        metadata.put("id", bad);
        issue(department.token(), metadata, pdf(1_000, 14)).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("id"));
    }

    @Test
    void exampleIdFromTheIssueIsAcceptedOnIssue() {
        LicenceId example = LicenceId.parse("1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U");
        Map<String, Object> metadata = metadata(example, "330303", LicenceFixtures.newHolderIdNumber(), LocalDate.of(2033, 4, 2));
        issue(department.token(), metadata, pdf(1_000, 15)).then().statusCode(201).body("id", equalTo(example.toString()));
    }

    @Test
    void departmentOfAnotherCityCannotSeeTheLicence() {
        Map<String, Object> metadata = metadata("330303");
        String id = (String) metadata.get("id");
        issue(department.token(), metadata, pdf(1_000, 16)).then().statusCode(201);
        Clients.Registered otherCity = Clients.register("3304", "department");

        given().auth().oauth2(otherCity.token()).header("X-Purpose", PURPOSE).get("/api/v1/licences/" + id)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(otherCity.token()).header("X-Purpose", PURPOSE).get("/api/v1/licences/" + id + "/file")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(otherCity.token()).header("X-Purpose", PURPOSE)
                .queryParam("holderIdNumber", metadata.get("holderIdNumber")).get("/api/v1/licences")
                .then().statusCode(200).body("licences", empty());
        given().auth().oauth2(otherCity.token()).contentType(ContentType.JSON).body(Map.of("reason", "x"))
                .post("/api/v1/licences/" + id + "/revocation").then().statusCode(404);
    }

    @Test
    void departmentCannotIssueOutsideItsRegion() throws Exception {
        Map<String, Object> metadata = metadata("330402");
        issue(department.token(), metadata, pdf(1_000, 17)).then().statusCode(403).contentType("application/problem+json");
        assertEquals(0, rowCount((String) metadata.get("id")));
    }

    @Test
    void clientWithoutDepartmentRoleCannotIssueOrRead() {
        Clients.Registered platform = Clients.register("3303", "platform");
        issue(platform.token(), metadata("330303"), pdf(1_000, 18)).then().statusCode(403);
        given().auth().oauth2(platform.token()).header("X-Purpose", PURPOSE)
                .get("/api/v1/licences/" + LicenceFixtures.newId()).then().statusCode(403);
    }

    @Test
    void rangeRequestsAnswer206WithContentRange() {
        Map<String, Object> metadata = metadata("330303");
        String id = (String) metadata.get("id");
        byte[] file = pdf(10_000, 19);
        issue(department.token(), metadata, file).then().statusCode(201);
        String url = "/api/v1/licences/" + id + "/file";

        byte[] middle = given().auth().oauth2(department.token()).header("X-Purpose", PURPOSE).header("Range", "bytes=100-199")
                .get(url).then().statusCode(206).header("Content-Range", "bytes 100-199/10000")
                .header("Content-Length", "100").extract().asByteArray();
        assertArrayEquals(Arrays.copyOfRange(file, 100, 200), middle);
        byte[] tail = given().auth().oauth2(department.token()).header("X-Purpose", PURPOSE).header("Range", "bytes=-16")
                .get(url).then().statusCode(206).header("Content-Range", "bytes 9984-9999/10000").extract().asByteArray();
        assertArrayEquals(Arrays.copyOfRange(file, 9984, 10000), tail);
        byte[] rest = given().auth().oauth2(department.token()).header("X-Purpose", PURPOSE).header("Range", "bytes=9990-20000")
                .get(url).then().statusCode(206).header("Content-Range", "bytes 9990-9999/10000").extract().asByteArray();
        assertArrayEquals(Arrays.copyOfRange(file, 9990, 10000), rest);
    }

    @Test
    void rangePastTheEndIs416Problem() {
        Map<String, Object> metadata = metadata("330303");
        String id = (String) metadata.get("id");
        issue(department.token(), metadata, pdf(1_000, 20)).then().statusCode(201);
        given().auth().oauth2(department.token()).header("X-Purpose", PURPOSE).header("Range", "bytes=1000-1100")
                .get("/api/v1/licences/" + id + "/file")
                .then().statusCode(416).contentType("application/problem+json")
                .header("Content-Range", "bytes */1000");
    }

    @Test
    void severalRangesOrAStaleIfRangeGetTheWholeFile() {
        Map<String, Object> metadata = metadata("330303");
        String id = (String) metadata.get("id");
        byte[] file = pdf(1_000, 21);
        issue(department.token(), metadata, file).then().statusCode(201);
        String url = "/api/v1/licences/" + id + "/file";
        assertArrayEquals(file, given().auth().oauth2(department.token()).header("X-Purpose", PURPOSE)
                .header("Range", "bytes=0-1,5-6").get(url).then().statusCode(200).extract().asByteArray());
        assertArrayEquals(file, given().auth().oauth2(department.token()).header("X-Purpose", PURPOSE)
                .header("Range", "bytes=0-1").header("If-Range", "\"an-old-etag\"").get(url)
                .then().statusCode(200).extract().asByteArray());
    }

    @Test
    void matchingIfNoneMatchIs304() {
        Map<String, Object> metadata = metadata("330303");
        String id = (String) metadata.get("id");
        byte[] file = pdf(1_000, 22);
        issue(department.token(), metadata, file).then().statusCode(201);
        given().auth().oauth2(department.token()).header("X-Purpose", PURPOSE)
                .header("If-None-Match", "\"" + Sm3.hex(Sm3.digest(file)) + "\"")
                .get("/api/v1/licences/" + id + "/file").then().statusCode(304);
    }

    @Test
    void searchFiltersByTypeAndStatus() {
        String holder = LicenceFixtures.newHolderIdNumber();
        LicenceId first = LicenceFixtures.newId();
        LicenceId second = LicenceFixtures.newId();
        issue(department.token(), metadata(first, "330303", holder, LocalDate.of(2031, 1, 1)), pdf(1_000, 23)).then().statusCode(201);
        issue(department.token(), metadata(second, "330303", holder.toLowerCase(), null), pdf(1_000, 24)).then().statusCode(201);
        given().auth().oauth2(department.token()).contentType(ContentType.JSON).body(Map.of("reason", "replaced"))
                .post("/api/v1/licences/" + first + "/revocation").then().statusCode(200);

        given().auth().oauth2(department.token()).header("X-Purpose", PURPOSE).queryParam("holderIdNumber", holder.toLowerCase())
                .get("/api/v1/licences").then().statusCode(200)
                .body("licences.id", hasItems(first.toString(), second.toString()));
        given().auth().oauth2(department.token()).header("X-Purpose", PURPOSE).queryParam("holderIdNumber", holder)
                .queryParam("status", "valid").get("/api/v1/licences").then().statusCode(200)
                .body("licences.id", equalTo(List.of(second.toString())))
                .body("licences[0].metadata.longTerm", equalTo(true));
        given().auth().oauth2(department.token()).header("X-Purpose", PURPOSE).queryParam("holderIdNumber", holder)
                .queryParam("type", "999").get("/api/v1/licences").then().statusCode(200).body("licences", empty());
        given().auth().oauth2(department.token()).header("X-Purpose", PURPOSE).queryParam("holderIdNumber", holder)
                .queryParam("status", "lost").get("/api/v1/licences").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("status"));
    }

    @Test
    void searchNeedsAHolder() {
        given().auth().oauth2(department.token()).header("X-Purpose", PURPOSE).get("/api/v1/licences")
                .then().statusCode(400).body("errors[0].field", equalTo("holderIdNumber"));
    }

    @Test
    void fileThatIsNeitherPdfOfdNorImageIs415AndNothingIsStored() throws Exception {
        Map<String, Object> metadata = metadata("330303");
        issue(department.token(), metadata, "just some text, not a licence".getBytes(StandardCharsets.UTF_8), "licence.pdf")
                .then().statusCode(415).contentType("application/problem+json");
        issue(department.token(), metadata, zip("word/document.xml"), "licence.ofd")
                .then().statusCode(415).body("detail", containsString("OFD.xml"));
        assertEquals(0, rowCount((String) metadata.get("id")));
        assertTrue(store.list(config.storage().licenceBucket(), "licences/" + metadata.get("id") + "/").isEmpty());
    }

    @Test
    void ofdAndImagesAreAccepted() throws Exception {
        issue(department.token(), metadata("330303"), zip("OFD.xml"), "licence.ofd").then().statusCode(201)
                .body("file.contentType", equalTo("application/ofd"));
        byte[] png = pdf(500, 25);
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, 0, png, 0, 8);
        issue(department.token(), metadata("330303"), png, "licence.png").then().statusCode(201)
                .body("file.contentType", equalTo("image/png"));
        byte[] jpeg = pdf(500, 26);
        System.arraycopy(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}, 0, jpeg, 0, 4);
        issue(department.token(), metadata("330303"), jpeg, "licence.jpg").then().statusCode(201)
                .body("file.contentType", equalTo("image/jpeg"));
    }

    @Test
    void invalidMetadataNamesEveryBadField() {
        Map<String, Object> metadata = metadata("330303");
        metadata.remove("holderName");
        metadata.put("issuerCode", "91330303MA2AXXXX0Y");
        metadata.put("validTo", "2020-01-01");
        metadata.put("regionCode", "33030");
        issue(department.token(), metadata, pdf(1_000, 27)).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("holderName", "issuerCode", "validTo", "regionCode"));
    }

    @Test
    void metadataWithFiftyRelatedLicencesIsAccepted() {
        Map<String, Object> metadata = metadata("330303");
        List<String> related = java.util.stream.IntStream.range(0, 50).mapToObj(i -> LicenceFixtures.newId().toString()).toList();
        metadata.put("relatedLicenceIds", related);
        issue(department.token(), metadata, pdf(1_000, 33)).then().statusCode(201)
                .body("metadata.relatedLicenceIds", equalTo(related));
    }

    @Test
    void unknownMetadataMemberIsRefused() {
        Map<String, Object> metadata = metadata("330303");
        metadata.put("colour", "red");
        issue(department.token(), metadata, pdf(1_000, 28)).then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("colour"));
    }

    @Test
    void missingPartsAreA400Problem() {
        given().auth().oauth2(department.token()).multiPart(LicenceFixtures.metadataPart(metadata("330303")))
                .post("/api/v1/licences").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("file"));
        given().auth().oauth2(department.token()).multiPart("file", "licence.pdf", pdf(1_000, 29), "application/pdf")
                .post("/api/v1/licences").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("metadata"));
    }

    /** What curl -F sends: UTF-8 bytes without a charset, the metadata as an attribute or as a file part. */
    @Test
    void issueAcceptsUtf8MetadataWithoutCharsetAsAttributeOrFilePart() throws Exception {
        for (String metadataDisposition : List.of("form-data; name=\"metadata\"",
                "form-data; name=\"metadata\"; filename=\"metadata.json\"")) {
            Map<String, Object> metadata = metadata("330303");
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            String boundary = "licence-boundary-" + System.nanoTime();
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: " + metadataDisposition
                    + "\r\nContent-Type: application/json\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(LicenceFixtures.json(metadata).getBytes(StandardCharsets.UTF_8));
            body.writeBytes(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"l.pdf\""
                    + "\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(pdf(1_000, 32));
            body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port
                                    + "/api/v1/licences"))
                            .header("Authorization", "Bearer " + department.token())
                            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertEquals(201, response.statusCode(), response.body());
            assertEquals(metadata.get("holderName"), JsonPath.from(response.body()).getString("metadata.holderName"));
        }
    }

    @Test
    void secondIssueOfTheSameIdIsAConflictAndStoresNothing() throws Exception {
        Map<String, Object> metadata = metadata("330303");
        String id = (String) metadata.get("id");
        byte[] file = pdf(2_000, 30);
        issue(department.token(), metadata, file).then().statusCode(201);
        issue(department.token(), metadata, pdf(3_000, 31)).then().statusCode(409).contentType("application/problem+json");
        assertEquals(1, store.list(config.storage().licenceBucket(), "licences/" + id + "/").size());
        assertArrayEquals(file, storedObjectBytes(id));
    }

    private final List<Path> tempDirs = new java.util.ArrayList<>();

    /** @TempDir does not work in @QuarkusTest classes; these are removed after each test. */
    private Path tempDir(String prefix) throws java.io.IOException {
        Path dir = Files.createTempDirectory(prefix);
        tempDirs.add(dir);
        return dir;
    }

    @AfterEach
    void removeTempDirs() throws java.io.IOException {
        for (Path dir : tempDirs) {
            try (var files = Files.walk(dir)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
        tempDirs.clear();
    }

    private byte[] storedObjectBytes(String id) {
        String key = store.list(config.storage().licenceBucket(), "licences/" + id + "/").get(0).key();
        try (InputStream in = store.get(config.storage().licenceBucket(), key)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private long rowCount(String id) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select count(*) from licence where licence_id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long rowCountWhere(String condition) throws Exception {
        try (Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from licence where " + condition)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static byte[] zip(String entry) throws java.io.IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write("<ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\"/>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** The metadata digest a verifier computes: SM3 over the canonical JSON of the metadata as served. */
    private static final class CanonicalJsonDigest {
        static byte[] of(Map<String, Object> metadata) {
            return Sm3.digest(CanonicalJson.bytes(metadata));
        }
    }
}
