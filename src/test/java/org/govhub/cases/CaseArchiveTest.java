package org.govhub.cases;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.govhub.audit.Archiver;
import org.govhub.common.HubClock;
import org.govhub.common.HubConfig;
import org.govhub.common.storage.ObjectStore;
import org.govhub.testing.Clients;
import org.govhub.testing.HubTest;
import org.govhub.testing.Openssl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Case versions older than the online window move to signed archive sets and stay readable through the API. */
@QuarkusTest
@HubTest
class CaseArchiveTest {
    @Inject
    Archiver archiver;

    @Inject
    HubClock clock;

    @Inject
    AgroalDataSource db;

    @Inject
    ObjectStore store;

    @Inject
    HubConfig config;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void archivedCaseIsStillReadableWithEveryVersionAndASignedResult() throws Exception {
        Clients.Registered platform = Clients.register("3303", "platform");
        String caseNo = CaseSamples.caseNo("archived");
        ObjectNode first = CaseSamples.record(caseNo, CatalogFixture.luchengItem(), "330302", 1);
        first.put("subject", CaseSamples.MULTI_SCRIPT);
        ObjectNode second = first.deepCopy().put("dataVersion", 2);
        CaseApi.pushed(platform.token(), List.of(first));
        CaseApi.pushed(platform.token(), List.of(second));
        String currentSm3 = CaseApi.read(platform.token(), caseNo).statusCode(200).extract().path("contentSm3");
        byte[] resultBefore = given().auth().oauth2(platform.token()).get("/api/v1/cases/" + caseNo + "/result")
                .then().statusCode(200).extract().asByteArray();

        clock.advance(Duration.ofDays(4 * 366));
        List<String> archived = archiver.runDue();
        clock.reset();

        assertTrue(archived.stream().anyMatch(p -> p.startsWith("case-versions/")), archived.toString());
        assertEquals(0, count("select count(*) from case_version where case_no = ?", caseNo));
        assertEquals(2, count("select count(*) from case_version_archived where case_no = ?", caseNo));

        Clients.Registered reader = Clients.register("3303", "platform");
        CaseApi.read(platform.token(), caseNo).statusCode(200)
                .body("dataVersion", equalTo(2)).body("contentSm3", equalTo(currentSm3))
                .body("record.subject", equalTo(CaseSamples.MULTI_SCRIPT));
        CaseApi.versions(platform.token(), caseNo).statusCode(200).body("versions.dataVersion", equalTo(List.of(1, 2)));
        CaseApi.read(reader.token(), caseNo).statusCode(200).body("idNumberMasked", equalTo(true));

        Response result = given().auth().oauth2(platform.token()).get("/api/v1/cases/" + caseNo + "/result");
        result.then().statusCode(200);
        assertEquals(new String(resultBefore, StandardCharsets.UTF_8), result.asString());
        Path dir = Files.createTempDirectory("case-archive");
        String certificate = given().get("/api/v1/signing/certificate").then().extract().asString();
        assertTrue(Openssl.verifyWithCertificate(dir, certificate, result.asByteArray(),
                Base64.getDecoder().decode(result.header("X-Signature"))).ok());
    }

    @Test
    void archiveSetOfCaseVersionsVerifiesWithOpensslAlone() throws Exception {
        Clients.Registered platform = Clients.register("3303", "platform");
        String caseNo = CaseSamples.caseNo("archived-set");
        CaseApi.pushed(platform.token(), List.of(CaseSamples.record(caseNo, CatalogFixture.luchengItem(), "330302", 1)));

        clock.advance(Duration.ofDays(4 * 366));
        archiver.runDue();
        clock.reset();

        String prefix = string("select object_prefix from case_version_archived where case_no = ?", caseNo);
        Path dir = Files.createTempDirectory("case-archive-set");
        byte[] manifest = read(prefix + "manifest.json");
        String certificate = given().get("/api/v1/signing/certificate").then().extract().asString();
        assertTrue(Openssl.verifyWithCertificate(dir, certificate, manifest, read(prefix + "manifest.sig")).ok());
        Files.write(dir.resolve("content.ndjson.gz"), read(prefix + "content.ndjson.gz"));
        String sm3 = Openssl.run(dir, "dgst", "-sm3", "-r", "content.ndjson.gz").output().split(" ")[0];
        assertTrue(new String(manifest, StandardCharsets.UTF_8).contains("\"sm3\":\"" + sm3 + "\""));
        assertTrue(new String(manifest, StandardCharsets.UTF_8).contains("\"kind\":\"case-versions\""));
    }

    private byte[] read(String key) throws Exception {
        try (InputStream in = store.get(config.storage().archiveBucket(), key)) {
            return in.readAllBytes();
        }
    }

    private long count(String sql, String arg) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, arg);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private String string(String sql, String arg) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, arg);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
