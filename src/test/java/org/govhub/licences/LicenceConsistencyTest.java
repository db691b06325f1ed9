package org.govhub.licences;

import static io.restassured.RestAssured.given;
import static org.govhub.licences.LicenceFixtures.issue;
import static org.govhub.licences.LicenceFixtures.metadata;
import static org.govhub.licences.LicenceFixtures.pdf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.minio.MinioClient;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.govhub.common.HubClock;
import org.govhub.common.HubConfig;
import org.govhub.common.storage.ObjectStore;
import org.govhub.common.storage.S3HttpClient;
import org.govhub.testing.Clients;
import org.govhub.testing.HubTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The database and the bucket never disagree after a failed issue, and the reconciler reports any drift. */
@QuarkusTest
@HubTest
class LicenceConsistencyTest {
    @Inject
    HubConfig config;

    @Inject
    ObjectStore store;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    LicenceReconciler reconciler;

    @Inject
    HubClock clock;

    @Inject
    Scheduler scheduler;

    private Clients.Registered department;

    @BeforeEach
    void registerDepartment() {
        department = Clients.register("3303", "department");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** Object storage refuses connections (a MinIO client pointed at a closed port): no row may appear. */
    @Test
    void failedUploadLeavesNoRow() throws Exception {
        String endpoint = "http://127.0.0.1:" + closedPort();
        MinioClient unreachable = MinioClient.builder().endpoint(endpoint).credentials("nobody", "nothing-here")
                .region("us-east-1").httpClient(S3HttpClient.forEndpoint(endpoint)).build();
        QuarkusMock.installMockForType(new LicenceFiles(new ObjectStore(unreachable), config), LicenceFiles.class);
        Map<String, Object> metadata = metadata("330303");
        String id = (String) metadata.get("id");

        issue(department.token(), metadata, pdf(5_000, 40)).then().statusCode(503)
                .contentType("application/problem+json").header("Retry-After", notNullValue());

        assertEquals(0, count("select count(*) from licence where licence_id = ?", id));
        assertEquals(0, count("select count(*) from audit_event where operation = 'licence.issue' and resource_id = ?", id));
        assertTrue(objectsOf(id).isEmpty());
    }

    /**
     * The database refuses the row after the file was stored (a CHECK constraint added for this one id):
     * the object is removed again, so no orphan is left.
     */
    @Test
    void failedDatabaseWriteAfterUploadRemovesTheObject() throws Exception {
        Map<String, Object> metadata = metadata("330303");
        String id = (String) metadata.get("id");
        execute("ALTER TABLE licence ADD CONSTRAINT test_refuses_one_licence CHECK (licence_id <> '" + id + "')");
        try {
            issue(department.token(), metadata, pdf(20_000, 41)).then().statusCode(500)
                    .contentType("application/problem+json");
        } finally {
            execute("ALTER TABLE licence DROP CONSTRAINT test_refuses_one_licence");
        }

        assertEquals(0, count("select count(*) from licence where licence_id = ?", id));
        assertTrue(objectsOf(id).isEmpty(), "the uploaded object was removed again: " + objectsOf(id));
        issue(department.token(), metadata, pdf(20_000, 41)).then().statusCode(201);
        assertEquals(1, objectsOf(id).size());
    }

    /** Two issues of one id at once: whichever way they interleave, one licence and one object remain. */
    @Test
    void concurrentIssuesOfOneIdLeaveOneLicenceAndOneObject() throws Exception {
        Map<String, Object> metadata = metadata("330303");
        String id = (String) metadata.get("id");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<CompletableFuture<Integer>> calls = List.of(1, 2).stream()
                    .map(seed -> CompletableFuture.supplyAsync(
                            () -> issue(department.token(), metadata, pdf(300_000, seed)).then().extract().statusCode(), pool))
                    .toList();
            List<Integer> statuses = calls.stream().map(CompletableFuture::join).sorted().toList();
            assertEquals(List.of(201, 409), statuses);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, count("select count(*) from licence where licence_id = ?", id));
        List<String> keys = objectsOf(id);
        assertEquals(1, keys.size(), keys.toString());
        assertEquals(keys.get(0), string("select object_key from licence where licence_id = ?", id));
    }

    @Test
    void reconcilerReportsMissingObjectsWrongSizesAndOrphans() throws Exception {
        Map<String, Object> lost = metadata("330303");
        Map<String, Object> resized = metadata("330303");
        issue(department.token(), lost, pdf(2_000, 42)).then().statusCode(201);
        issue(department.token(), resized, pdf(2_000, 43)).then().statusCode(201);
        String lostKey = objectsOf((String) lost.get("id")).get(0);
        String resizedKey = objectsOf((String) resized.get("id")).get(0);
        String orphanKey = "licences/" + LicenceFixtures.newId() + "/stray-" + System.nanoTime();
        String bucket = config.storage().licenceBucket();
        store.remove(bucket, lostKey);
        store.put(bucket, resizedKey, new ByteArrayInputStream(new byte[1_500]), 1_500, "application/pdf");
        store.put(bucket, orphanKey, new ByteArrayInputStream(new byte[10]), 10, "application/pdf");

        LicenceReconciler.ReconciliationReport fresh = reconciler.reconcile();
        assertFalse(fresh.clean());
        assertFalse(fresh.orphanObjects().stream().anyMatch(o -> o.objectKey().equals(orphanKey)),
                "an object younger than the grace period may belong to an issue still committing");

        clock.advance(Duration.ofHours(1));
        LicenceReconciler.ReconciliationReport later = reconciler.reconcile();
        clock.reset();
        assertTrue(later.orphanObjects().stream().anyMatch(o -> o.objectKey().equals(orphanKey)));

        given().auth().oauth2(Clients.adminToken()).get("/api/v1/licences/reconciliation").then().statusCode(200)
                .body("clean", equalTo(false))
                .body("missingObjects.licenceId", hasItem(lost.get("id")))
                .body("missingObjects.find { it.licenceId == '" + lost.get("id") + "' }.objectKey", equalTo(lostKey))
                .body("sizeMismatches.find { it.licenceId == '" + resized.get("id") + "' }.recordedSize", equalTo(2_000))
                .body("sizeMismatches.find { it.licenceId == '" + resized.get("id") + "' }.storedSize", equalTo(1_500))
                .body("orphanObjects.objectKey", hasItem(orphanKey));
        Clients.Registered otherCity = Clients.register("3304", "supervisor");
        given().auth().oauth2(otherCity.token()).get("/api/v1/licences/reconciliation").then().statusCode(200)
                .body("missingObjects.licenceId", not(hasItem(lost.get("id"))))
                .body("orphanObjects.objectKey", not(hasItem(orphanKey)));
        given().auth().oauth2(department.token()).get("/api/v1/licences/reconciliation").then().statusCode(403);
        store.remove(bucket, orphanKey);
    }

    @Test
    void reconcilerIsScheduled() {
        assertNotNull(scheduler.getScheduledJob("licence-reconciler"), "the reconciler runs on the scheduler");
    }

    private List<String> objectsOf(String id) {
        return store.list(config.storage().licenceBucket(), "licences/" + id + "/").stream().map(o -> o.key()).toList();
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void execute(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private long count(String sql, String parameter) throws Exception {
        return Long.parseLong(string(sql, parameter));
    }

    private String string(String sql, String parameter) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
