package org.govhub.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.govhub.common.HubClock;
import org.govhub.common.HubConfig;
import org.govhub.common.storage.ObjectStore;
import org.govhub.testing.Clients;
import org.govhub.testing.HubTest;
import org.govhub.testing.Openssl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@HubTest
class AuditArchiveTest {
    @Inject
    Archiver archiver;

    @Inject
    AuditLog auditLog;

    @Inject
    HubClock clock;

    @Inject
    ObjectStore store;

    @Inject
    HubConfig config;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    org.apache.camel.CamelContext camel;

    @Test
    void archiveRouteIsLoadedFromTheJarAndCallsTheArchiver() {
        org.apache.camel.Route route = camel.getRoute("archive");
        assertTrue(route != null, "camel-routes/archive.yaml was not loaded");
        assertTrue(route.getEndpoint().getEndpointUri().startsWith("timer://archive"), route.getEndpoint().getEndpointUri());
    }

    @AfterEach
    void reset() {
        clock.reset();
        archiver.beforePurge(null);
    }

    private static final java.time.Duration BEYOND_WINDOW = java.time.Duration.ofDays(4 * 366);

    @Test
    void rowsOlderThanTheWindowMoveToASignedArchiveThatOpensslVerifies() throws Exception {
        List<String> resources = writeRows(5);
        clock.advance(BEYOND_WINDOW);
        List<String> archived = archiver.runDue();
        clock.reset();

        assertTrue(!archived.isEmpty());
        for (String resource : resources) {
            assertEquals(0, count("select count(*) from audit_event where resource_id = '" + resource + "'"));
        }
        String prefix = archived.get(archived.size() - 1);
        given().auth().oauth2(Clients.adminToken()).get("/api/v1/audit/archives").then().statusCode(200)
                .body("find { it.objectPrefix == '" + prefix + "' }.state", equalTo("purged"));

        Path dir = Files.createTempDirectory("archive");
        byte[] manifest = read(prefix + "manifest.json");
        byte[] signature = read(prefix + "manifest.sig");
        String certificate = given().get("/api/v1/signing/certificate").then().extract().asString();
        Openssl.Result verified = Openssl.verifyWithCertificate(dir, certificate, manifest, signature);
        assertTrue(verified.ok(), verified.output());

        Files.write(dir.resolve("content.ndjson.gz"), read(prefix + "content.ndjson.gz"));
        Openssl.Result digest = Openssl.run(dir, "dgst", "-sm3", "content.ndjson.gz");
        String manifestText = new String(manifest, StandardCharsets.UTF_8);
        String contentSm3 = digest.output().trim().replaceAll(".*= ", "");
        assertTrue(manifestText.contains("\"sm3\":\"" + contentSm3 + "\""), manifestText + " vs " + contentSm3);

        List<String> lines = lines(read(prefix + "content.ndjson.gz"));
        assertEquals(count("select row_count from archive_record where object_prefix = '" + prefix + "'"), lines.size());
        for (String resource : resources) {
            assertTrue(lines.stream().anyMatch(l -> l.contains(resource)), resource);
        }
    }

    @Test
    void failureBetweenStoringAndDeletingLosesAndDuplicatesNothing() throws Exception {
        List<String> resources = writeRows(4);
        long online = count("select count(*) from audit_event");
        archiver.beforePurge(() -> {
            throw new IllegalStateException("injected crash after the archive was stored");
        });
        clock.advance(BEYOND_WINDOW);
        assertThrows(IllegalStateException.class, () -> archiver.runDue());
        clock.reset();

        assertEquals(online, count("select count(*) from audit_event"));
        String firstKey = string("select first_key from archive_record where state = 'stored'");
        long rowCount = count("select row_count from archive_record where state = 'stored'");

        archiver.beforePurge(null);
        clock.advance(BEYOND_WINDOW);
        archiver.runDue();
        clock.reset();

        for (String resource : resources) {
            assertEquals(0, count("select count(*) from audit_event where resource_id = '" + resource + "'"));
        }
        assertEquals(1, count("select count(*) from archive_record where first_key = '" + firstKey + "'"));
        assertEquals(0, count("select count(*) from archive_record where state = 'stored'"));
        String prefix = string("select object_prefix from archive_record where first_key = '" + firstKey + "'");
        List<String> lines = lines(read(prefix + "content.ndjson.gz"));
        assertEquals(rowCount, lines.size());
        assertEquals(lines.size(), lines.stream().distinct().count());
    }

    @Test
    void eachMonthGetsItsOwnSetChainedToThePrevious() throws Exception {
        writeRows(1);
        clock.advance(java.time.Duration.ofDays(62));
        writeRows(1);
        clock.advance(BEYOND_WINDOW);
        List<String> archived = archiver.runDue();
        clock.reset();
        assertTrue(archived.size() >= 2, archived.toString());
        String earlier = archived.get(archived.size() - 2);
        String later = archived.get(archived.size() - 1);
        String earlierManifestSm3 = string("select manifest_sm3 from archive_record where object_prefix = '" + earlier + "'");
        String laterManifest = new String(read(later + "manifest.json"), StandardCharsets.UTF_8);
        assertTrue(laterManifest.contains("\"previousManifestSm3\":\"" + earlierManifestSm3 + "\""), laterManifest);
        assertTrue(!earlier.substring(6, 13).equals(later.substring(6, 13)), earlier + " and " + later + " share a month");
    }

    @Test
    void chainStillVerifiesAfterArchiving() {
        writeRows(3);
        clock.advance(BEYOND_WINDOW);
        archiver.runDue();
        clock.reset();
        Clients.register("3303", "platform");
        given().auth().oauth2(Clients.adminToken()).get("/api/v1/audit/verification")
                .then().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    void signedHeadVerifiesWithOpensslAndExposesRewrittenChain() throws Exception {
        Clients.register("3303", "platform");
        io.restassured.response.Response head = given().auth().oauth2(Clients.adminToken()).post("/api/v1/audit/head");
        head.then().statusCode(200);
        Path dir = Files.createTempDirectory("head");
        String certificate = given().get("/api/v1/signing/certificate").then().extract().asString();
        Openssl.Result verified = Openssl.verifyWithCertificate(dir, certificate, head.asByteArray(),
                java.util.Base64.getDecoder().decode(head.header("X-Signature")));
        assertTrue(verified.ok(), verified.output());

        long headSeq = ((Number) head.path("headSeq")).longValue();
        String original = string("select row_hash from audit_event where seq = " + headSeq);
        try {
            // A forger who recomputes the row hash and the chain head still cannot match the signed head.
            update("update audit_event set row_hash = '" + "f".repeat(64) + "' where seq = " + headSeq);
            update("update audit_chain_head set last_hash = '" + "f".repeat(64) + "' where id = 1 and last_seq = " + headSeq);
            given().auth().oauth2(Clients.adminToken()).get("/api/v1/audit/verification")
                    .then().statusCode(200).body("intact", equalTo(false));
        } finally {
            update("update audit_event set row_hash = '" + original + "' where seq = " + headSeq);
            update("update audit_chain_head set last_hash = '" + original + "' where id = 1 and last_seq = " + headSeq);
        }
        given().auth().oauth2(Clients.adminToken()).get("/api/v1/audit/verification")
                .then().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    void chainWithASignedHeadVerifiesIntact() {
        Clients.register("3303", "platform");
        given().auth().oauth2(Clients.adminToken()).post("/api/v1/audit/head").then().statusCode(200);
        Clients.register("3303", "platform");
        given().auth().oauth2(Clients.adminToken()).get("/api/v1/audit/verification")
                .then().statusCode(200).body("intact", equalTo(true));
    }

    private List<String> writeRows(int n) {
        List<String> resources = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            String resource = "archivable-" + i + "-" + System.nanoTime();
            resources.add(resource);
            QuarkusTransaction.requiringNew().run(() -> auditLog.recordAs("archive-test",
                    AuditEntry.of("test.archivable", "test", resource, "ok")));
        }
        return resources;
    }

    private byte[] read(String key) throws Exception {
        try (InputStream in = store.get(config.storage().archiveBucket(), key)) {
            return in.readAllBytes();
        }
    }

    private static List<String> lines(byte[] gz) throws Exception {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(new java.io.ByteArrayInputStream(gz)), StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        }
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String string(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private void update(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }
}
