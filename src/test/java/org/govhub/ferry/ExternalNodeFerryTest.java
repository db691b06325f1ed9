package org.govhub.ferry;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.govhub.common.HubConfig;
import org.govhub.common.RegionPrefix;
import org.govhub.signing.SigningService;
import org.govhub.testing.Clients;
import org.govhub.testing.HubTest;
import org.govhub.testing.Openssl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The external node's side of the gap through the real routes: queued submissions are sealed into
 * signed bundles in the outbound folder, and receipts and resend requests written into the return
 * folder by a peer with its own SM2 key update the submissions the pushers query.
 */
@QuarkusTest
@HubTest
@TestProfile(FerryProfiles.External.class)
class ExternalNodeFerryTest {
    private static final PeerNode INSIDE = new PeerNode("int-node");
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    FerryOutbox outbox;

    @Inject
    SigningService signing;

    @Inject
    AgroalDataSource db;

    @Inject
    CamelContext camel;

    final Path root = FerryProfiles.root(side());
    private final Path bundles = root.resolve("gap/bundles");
    private final Path returns = root.resolve("gap/return");

    /** The folder of this test's profile under target/ferry-it/. */
    String side() {
        return "external";
    }

    @BeforeEach
    void trustTheInside() throws Exception {
        INSIDE.writeCertificate(root.resolve("peer.pem"));
    }

    private List<String> enqueue(String clientId, int... recordsPerSubmission) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<String> ids = new ArrayList<>();
            for (int records : recordsPerSubmission) {
                StringBuilder ndjson = new StringBuilder();
                for (int i = 0; i < records; i++) {
                    ndjson.append("{\"caseNo\":\"C-").append(System.nanoTime()).append("\"}\n");
                }
                ids.add(outbox.enqueueCases(null, clientId, RegionPrefix.parse("3303"), ndjson.toString().getBytes(StandardCharsets.UTF_8), records).submissionId);
            }
            return ids;
        });
    }

    @Test
    void ferryRoutesOfTheExternalSideExistAndTheInternalOnesDoNot() {
        assertNotNull(camel.getRoute("ferry-outbound"));
        assertNotNull(camel.getRoute("ferry-receipts-in"));
        assertNull(camel.getRoute("ferry-inbound"));
        assertNull(camel.getRoute("ferry-receipts-out"));
        assertTrue(outbox.active());
    }

    @Test
    void queuedSubmissionsAreSealedIntoASignedBundleTheReceiverAccepts() throws Exception {
        List<String> ids = enqueue("client-x", 3, 2);
        VerifiedBundle bundle = awaitBundleWith(ids.get(0));
        assertEquals(2, bundle.manifest().entries().size());
        assertEquals(5, bundle.manifest().recordCount());
        assertEquals(HubConfig.Zone.internal, bundle.manifest().targetZone());
        ManifestEntry first = bundle.manifest().entries().get(0);
        assertEquals(ids.get(0), first.submissionId());
        assertEquals("client-x", first.clientId());
        assertEquals("3303", first.regionPrefix());
        assertEquals(3, new String(bundle.entry(first), StandardCharsets.UTF_8).lines().count());
        await().atMost(WAIT).until(() -> "shipped".equals(text("select state from ferry_outbox where submission_id = ?", ids.get(1))));
        String fileName = text("select b.file_name from ferry_bundle_out b join ferry_outbox s on s.bundle_id = b.bundle_id where s.submission_id = ?", ids.get(1));
        await().atMost(WAIT).until(() -> "shipped".equals(text("select outcome from audit_event where operation = 'ferry.ship' and resource_id = ?", fileName)));
    }

    @Test
    void aPushAcceptedOutsideIsQueuedUnderItsBatchIdAndCrossesAsTheStoredVersions() throws Exception {
        Clients.Registered platform = Clients.register("3303", "platform");
        String one = FerryCases.caseNo("ext");
        String two = FerryCases.caseNo("ext");
        String batchId = push(platform, FerryCases.record(one, FerryCases.REGION, 1), FerryCases.record(two, FerryCases.REGION, 1))
                .then().statusCode(200).body("created", equalTo(2)).extract().path("batchId");
        VerifiedBundle bundle = awaitBundleWith(batchId);
        ManifestEntry entry = bundle.manifest().entries().stream().filter(e -> batchId.equals(e.submissionId())).findFirst().orElseThrow();
        assertEquals(platform.clientId(), entry.clientId());
        assertEquals("3303", entry.regionPrefix());
        assertEquals(2, entry.records());
        List<com.fasterxml.jackson.databind.JsonNode> lines = FerryCases.trees(CaseBatchLines.read(entry, bundle.entry(entry)));
        assertEquals(List.of(one, two), lines.stream().map(l -> l.path("caseNo").asText()).sorted().toList());
        given().auth().oauth2(platform.token()).get("/api/v1/ferry/submissions/" + batchId).then().statusCode(200)
                .body("records", equalTo(2)).body("kind", equalTo("case-batch"));
    }

    @Test
    void aPushThatStoresNothingNewQueuesNothing() throws Exception {
        Clients.Registered platform = Clients.register("3303", "platform");
        var record = FerryCases.record(FerryCases.caseNo("again"), FerryCases.REGION, 1);
        String first = push(platform, record).then().statusCode(200).extract().path("batchId");
        awaitBundleWith(first);
        String again = push(platform, record).then().statusCode(200).body("unchanged", equalTo(1)).extract().path("batchId");
        String rejected = push(platform, FerryCases.record(FerryCases.caseNo("other-city"), "330402", 1))
                .then().statusCode(200).body("rejected", equalTo(1)).extract().path("batchId");
        assertEquals(0, count("select count(*) from ferry_outbox where submission_id in (?, ?)", again, rejected));
        given().auth().oauth2(platform.token()).get("/api/v1/ferry/submissions/" + again).then().statusCode(404);
    }

    /**
     * The platform's freshness row is shared by all its concurrent pushes and stays locked until the
     * commit, so a push takes it last: while a push waits for that row, its outbox row is already written.
     */
    @Test
    void aPushWaitsForItsPlatformsFreshnessRowOnlyAfterWritingItsOutboxRow() throws Exception {
        Clients.Registered platform = Clients.register("3303", "platform");
        push(platform, FerryCases.record(FerryCases.caseNo("fresh"), FerryCases.REGION, 1)).then().statusCode(200);
        try (Connection holder = db.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement(
                    "select 1 from reporting_source where kind = 'platform' and source_id = ? for update")) {
                lock.setString(1, platform.clientId());
                assertTrue(lock.executeQuery().next());
            }
            var second = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> push(platform, FerryCases.record(FerryCases.caseNo("fresh"), FerryCases.REGION, 1)).statusCode());
            await().atMost(WAIT).until(() -> text("select pid from pg_stat_activity where wait_event_type = 'Lock'"
                    + " and query like '%reporting_source%' and datname = current_database()") != null);
            String waiting = text("select pid from pg_stat_activity where wait_event_type = 'Lock'"
                    + " and query like '%reporting_source%' and datname = current_database()");
            assertEquals(1, count("select count(*) from pg_locks l join pg_class c on c.oid = l.relation"
                    + " where l.pid = ? and c.relname = 'ferry_outbox' and l.mode = 'RowExclusiveLock'", Integer.parseInt(waiting)),
                    "the waiting push has written its outbox row");
            holder.rollback();
            assertEquals(200, second.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS));
        }
    }

    private static Response push(Clients.Registered platform, com.fasterxml.jackson.databind.node.ObjectNode... records) {
        return FerryCases.push(platform, records);
    }

    @Test
    void bundleSignaturesVerifyWithOpensslAgainstTheNodeCertificate() throws Exception {
        List<String> ids = enqueue("client-x", 1);
        VerifiedBundle bundle = awaitBundleWith(ids.get(0));
        byte[] sig;
        try (SafeZip zip = SafeZip.open(bundle.file(), 10)) {
            sig = zip.read(BundleManifest.SIGNATURE_FILE, 1024, Rejection.BAD_SIGNATURE);
        }
        Openssl.Result result = Openssl.verifyWithCertificate(Files.createTempDirectory("bundle-openssl"),
                signing.certificatePem(), bundle.manifestBytes(), sig);
        assertTrue(result.ok(), result.output());
    }

    @Test
    void aBundleClosesWhenTheNextSubmissionWouldExceedTheRecordLimitAndTheNextLinksToIt() throws Exception {
        List<String> ids = enqueue("client-x", 4, 4, 4);
        VerifiedBundle one = awaitBundleWith(ids.get(0));
        VerifiedBundle two = awaitBundleWith(ids.get(2));
        assertEquals(8, one.manifest().recordCount(), "two submissions of 4 fit the limit of 10, a third does not");
        assertEquals(4, two.manifest().recordCount());
        assertEquals(one.name().sequence() + 1, two.name().sequence());
        assertEquals(one.manifestSm3(), two.manifest().previousManifestSm3(), "bundles of a lane form a hash chain");
    }

    @Test
    void aSignedReceiptShowsInTheSubmissionStatusWithItsOutcomes() throws Exception {
        Clients.Registered pusher = Clients.register("3303", "platform");
        String id = enqueue(pusher.clientId(), 2).get(0);
        VerifiedBundle bundle = awaitBundleWith(id);
        await().atMost(WAIT).until(() -> "shipped".equals(text("select state from ferry_outbox where submission_id = ?", id)));

        ReturnMessage receipt = INSIDE.receipt(accepted(bundle, Map.of(id, List.of(
                new Receipt.RecordOutcome("C-1", 1L, "created", null),
                new Receipt.RecordOutcome("C-2", 3L, "rejected", "acceptedAt is missing")))));
        Files.write(returns.resolve(receipt.fileName()), INSIDE.returnMessage(receipt));

        await().atMost(WAIT).until(() -> "receipted".equals(text("select state from ferry_outbox where submission_id = ?", id)));
        Response response = given().auth().oauth2(pusher.token()).get("/api/v1/ferry/submissions/" + id);
        response.then().statusCode(200)
                .body("state", equalTo("receipted"))
                .body("bundle.sequence", equalTo((int) bundle.name().sequence()))
                .body("bundle.receiverStatus", equalTo("accepted"))
                .body("receipt.counts.created", equalTo(1))
                .body("receipt.counts.rejected", equalTo(1))
                .body("receipt.records[1].message", equalTo("acceptedAt is missing"));
        assertTrue(Openssl.verifyWithCertificate(Files.createTempDirectory("status"), signing.certificatePem(),
                response.asByteArray(), Base64.getDecoder().decode(response.header("X-Signature"))).ok());
        assertNull(text("select payload from ferry_outbox where submission_id = ?", id), "case data leaves the external node");
        assertTrue(Files.exists(root.resolve("work/returns-done").resolve(receipt.fileName())));
    }

    @Test
    void theSameReceiptTwiceChangesNothing() throws Exception {
        String id = enqueue("client-x", 1).get(0);
        VerifiedBundle bundle = awaitBundleWith(id);
        await().atMost(WAIT).until(() -> "shipped".equals(text("select state from ferry_outbox where submission_id = ?", id)));
        ReturnMessage receipt = INSIDE.receipt(accepted(bundle, Map.of(id, List.of(new Receipt.RecordOutcome("C", 1L, "created", null)))));
        Files.write(returns.resolve(receipt.fileName()), INSIDE.returnMessage(receipt));
        await().atMost(WAIT).until(() -> "receipted".equals(text("select state from ferry_outbox where submission_id = ?", id)));
        String receiptedAt = text("select cast(receipted_at as varchar) from ferry_bundle_out where bundle_id = ?", bundle.manifest().bundleId());
        Files.write(returns.resolve(receipt.fileName()), INSIDE.returnMessage(receipt));
        await().atMost(WAIT).until(() -> Files.notExists(returns.resolve(receipt.fileName())));
        Thread.sleep(500);
        assertEquals(receiptedAt, text("select cast(receipted_at as varchar) from ferry_bundle_out where bundle_id = ?", bundle.manifest().bundleId()));
    }

    @Test
    void aReceiptSignedByAnotherNodeIsQuarantinedAndChangesNothing() throws Exception {
        String id = enqueue("client-x", 1).get(0);
        VerifiedBundle bundle = awaitBundleWith(id);
        await().atMost(WAIT).until(() -> "shipped".equals(text("select state from ferry_outbox where submission_id = ?", id)));
        PeerNode forger = new PeerNode("forger");
        ReturnMessage receipt = forger.receipt(accepted(bundle, Map.of(id, List.of())));
        Files.write(returns.resolve(receipt.fileName()), forger.returnMessage(receipt));

        Path reason = root.resolve("work/returns-quarantine").resolve(receipt.fileName() + FerryFolders.REASON_SUFFIX);
        await().atMost(WAIT).until(() -> Files.exists(reason));
        assertTrue(Files.readString(reason).contains("reason: untrusted-signer"), Files.readString(reason));
        assertEquals("shipped", text("select state from ferry_outbox where submission_id = ?", id));
        assertEquals(1, count("select count(*) from ferry_alert where kind = 'return-rejected' and file_name = ?", receipt.fileName()));
    }

    @Test
    void aResendRequestShipsALostBundleAgain() throws Exception {
        String id = enqueue("client-x", 1).get(0);
        VerifiedBundle bundle = awaitBundleWith(id);
        await().atMost(WAIT).until(() -> "shipped".equals(text("select state from ferry_outbox where submission_id = ?", id)));
        Files.delete(bundle.file()); // lost in the gap
        ReturnMessage request = INSIDE.resend(new ResendRequest(bundle.manifest().lane(), bundle.name().sequence(),
                bundle.name().sequence(), "sequence missing"));
        Files.write(returns.resolve(request.fileName()), INSIDE.returnMessage(request));

        await().atMost(WAIT).until(() -> Files.exists(bundle.file()));
        VerifiedBundle again = verifier().verify(bundle.file());
        assertEquals(bundle.manifestSm3(), again.manifestSm3(), "the same manifest, so the chain still holds");
        await().atMost(WAIT).until(() -> count("select ship_count from ferry_bundle_out where bundle_id = ?",
                bundle.manifest().bundleId()) == 2);
    }

    @Test
    void aQuarantineReceiptForOurBundleMarksItsSubmissionsAndRaisesAnAlert() throws Exception {
        Clients.Registered pusher = Clients.register("3303", "platform");
        String id = enqueue(pusher.clientId(), 1).get(0);
        VerifiedBundle bundle = awaitBundleWith(id);
        await().atMost(WAIT).until(() -> "shipped".equals(text("select state from ferry_outbox where submission_id = ?", id)));
        ReturnMessage receipt = INSIDE.receipt(new Receipt(bundle.name().fileName(), bundle.manifest().lane(),
                bundle.name().sequence(), bundle.manifest().bundleId(), bundle.manifestSm3(), Receipt.Status.quarantined,
                "entry-digest-mismatch", "entry x has SM3 y", Instant.now(), null));
        Files.write(returns.resolve(receipt.fileName()), INSIDE.returnMessage(receipt));

        await().atMost(WAIT).until(() -> "quarantined".equals(text("select state from ferry_outbox where submission_id = ?", id)));
        given().auth().oauth2(pusher.token()).get("/api/v1/ferry/submissions/" + id).then().statusCode(200)
                .body("state", equalTo("quarantined"))
                .body("bundle.receiverStatus", equalTo("quarantined"))
                .body("bundle.receiverReason", equalTo("entry-digest-mismatch"));
        assertEquals(1, count("select count(*) from ferry_alert where kind = 'receiver-quarantined' and sequence = ?",
                bundle.name().sequence()));
    }

    @Test
    void aSubmissionIsVisibleToItsPusherAndToAdminsOfItsRegionOnly() {
        Clients.Registered pusher = Clients.register("3303", "platform");
        String id = enqueue(pusher.clientId(), 1).get(0);
        given().auth().oauth2(pusher.token()).get("/api/v1/ferry/submissions/" + id).then().statusCode(200)
                .body("submissionId", equalTo(id)).body("records", equalTo(1));
        given().auth().oauth2(Clients.register("3303", "platform").token()).get("/api/v1/ferry/submissions/" + id)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(Clients.register("3304", "supervisor").token()).get("/api/v1/ferry/submissions/" + id)
                .then().statusCode(404);
        given().auth().oauth2(Clients.register("33", "supervisor").token()).get("/api/v1/ferry/submissions/" + id)
                .then().statusCode(200);
        given().auth().oauth2(pusher.token()).get("/api/v1/ferry/submissions/not-a-submission").then().statusCode(404);
    }

    @Test
    void statusShowsSentReceiptedAndPendingFigures() throws Exception {
        String id = enqueue("client-x", 1).get(0);
        VerifiedBundle bundle = awaitBundleWith(id);
        await().atMost(WAIT).until(() -> "shipped".equals(text("select state from ferry_outbox where submission_id = ?", id)));
        given().auth().oauth2(Clients.adminToken()).get("/api/v1/ferry/status").then().statusCode(200)
                .body("zone", equalTo("external"))
                .body("lanes.find { it.lane == 'cases' }.lastSequenceSent", org.hamcrest.Matchers.greaterThanOrEqualTo((int) bundle.name().sequence()))
                .body("lanes.find { it.lane == 'cases' }.pendingSubmissions", org.hamcrest.Matchers.greaterThanOrEqualTo(1))
                .body("lanes.find { it.lane == 'cases' }.oldestUnreceiptedAgeSeconds", org.hamcrest.Matchers.notNullValue());
        ReturnMessage receipt = INSIDE.receipt(accepted(bundle, Map.of(id, List.of(new Receipt.RecordOutcome("C", 1L, "created", null)))));
        Files.write(returns.resolve(receipt.fileName()), INSIDE.returnMessage(receipt));
        await().atMost(WAIT).until(() -> "receipted".equals(text("select state from ferry_outbox where submission_id = ?", id)));
        long receipted = given().auth().oauth2(Clients.adminToken()).get("/api/v1/ferry/status").then().statusCode(200)
                .extract().jsonPath().getLong("lanes.find { it.lane == 'cases' }.lastSequenceReceipted");
        assertTrue(receipted >= bundle.name().sequence());
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("govhub_ferry_last_sequence{lane=\"cases\",stage=\"sent\"}"), metrics);
        assertTrue(metrics.contains("govhub_ferry_pending_submissions{lane=\"cases\"}"));
    }

    // ---- helpers ----

    private Receipt accepted(VerifiedBundle bundle, Map<String, List<Receipt.RecordOutcome>> outcomes) {
        List<Receipt.SubmissionReceipt> submissions = new ArrayList<>();
        for (ManifestEntry entry : bundle.manifest().entries()) {
            List<Receipt.RecordOutcome> records = outcomes.getOrDefault(entry.submissionId(), List.of());
            Map<String, Integer> counts = new java.util.TreeMap<>();
            records.forEach(r -> counts.merge(r.outcome(), 1, Integer::sum));
            submissions.add(new Receipt.SubmissionReceipt(entry.submissionId(), entry.name(), counts, records));
        }
        return new Receipt(bundle.name().fileName(), bundle.manifest().lane(), bundle.name().sequence(),
                bundle.manifest().bundleId(), bundle.manifestSm3(), Receipt.Status.accepted, null, null, Instant.now(),
                submissions);
    }

    private BundleVerifier verifier() {
        return new BundleVerifier(TrustedKey.of(signing.certificate()),
                new BundleLimits(1 << 28, 1 << 26, 10_000, 1 << 23), HubConfig.Zone.internal);
    }

    /** Waits for the bundle in the outbound gap that carries a submission, verified as the receiver would. */
    private VerifiedBundle awaitBundleWith(String submissionId) {
        VerifiedBundle[] found = new VerifiedBundle[1];
        await().atMost(WAIT).until(() -> {
            if (!Files.isDirectory(bundles)) {
                return false;
            }
            try (Stream<Path> files = Files.list(bundles)) {
                for (Path p : files.filter(f -> BundleName.parse(f.getFileName().toString()).isPresent()).toList()) {
                    VerifiedBundle b = verifier().verify(p);
                    Optional<ManifestEntry> e = b.manifest().entries().stream()
                            .filter(x -> submissionId.equals(x.submissionId())).findFirst();
                    if (e.isPresent()) {
                        found[0] = b;
                        return true;
                    }
                }
            }
            return false;
        });
        return found[0];
    }

    private String text(String sql, Object... params) throws Exception {
        return FerrySql.text(db, sql, params);
    }

    private long count(String sql, Object... params) throws Exception {
        return FerrySql.count(db, sql, params);
    }
}
