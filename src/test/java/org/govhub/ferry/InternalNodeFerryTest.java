package org.govhub.ferry;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.govhub.common.HubClock;
import org.govhub.signing.SigningService;
import org.govhub.testing.Clients;
import org.govhub.testing.HubTest;
import org.govhub.testing.Openssl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The internal node's side of the gap through the real routes: bundle files written into the gap
 * folder by a peer with its own SM2 key are picked up, verified, ingested or held or quarantined, and
 * receipted into the return folder.
 */
@QuarkusTest
@HubTest
@TestProfile(FerryProfiles.Internal.class)
class InternalNodeFerryTest {
    private static final PeerNode OUTSIDE = new PeerNode("ext-node");
    private static final AtomicInteger LANES = new AtomicInteger();
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    AgroalDataSource db;

    @Inject
    HubClock clock;

    @Inject
    SigningService signing;

    @Inject
    CamelContext camel;

    @Inject
    BundleIngest bundleIngest;

    final Path root = FerryProfiles.root(side());
    private final Path gap = root.resolve("gap/bundles");
    private final Path work = root.resolve("work");

    /** The folder of this test's profile under target/ferry-it/. */
    String side() {
        return "internal";
    }

    @BeforeEach
    void trustTheOutside() throws Exception {
        OUTSIDE.writeCertificate(root.resolve("peer.pem"));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static String freshLane() {
        return String.format("t%02d", LANES.incrementAndGet());
    }

    private static PeerNode.Batch batch(int records) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            lines.add("{\"caseNo\":\"X-" + i + "\"}");
        }
        return PeerNode.Batch.of("client-a", "3303", lines);
    }

    @Test
    void ferryRoutesOfTheInternalSideExistAndTheExternalOnesDoNot() {
        assertTrue(camel.getRoute("ferry-inbound") != null);
        assertTrue(camel.getRoute("ferry-inbound-pickup") != null);
        assertTrue(camel.getRoute("ferry-receipts-out") != null);
        assertEquals(null, camel.getRoute("ferry-outbound"));
        assertEquals(null, camel.getRoute("ferry-receipts-in"));
    }

    @Test
    void anEmptyBundleIsRecordedMovedToDoneAndReceiptedWithASignatureOpensslAccepts() throws Exception {
        String lane = freshLane();
        PeerNode.Built built = OUTSIDE.next(lane, 1).build();
        built.writeInto(gap);

        await().atMost(WAIT).until(() -> Files.exists(work.resolve("done").resolve(built.fileName())));
        assertFalse(Files.exists(gap.resolve(built.fileName())), "taken off the gap");
        assertEquals(1, count("select count(*) from ferry_bundle_in where lane = ? and manifest_sm3 = ?", lane,
                built.manifestSm3()));
        ReturnMessage receipt = awaitReturn(m -> m.receipt() != null && lane.equals(m.receipt().lane()));
        assertEquals(Receipt.Status.accepted, receipt.receipt().status());
        assertEquals(built.manifestSm3(), receipt.receipt().manifestSm3());
        assertEquals(built.manifest().bundleId(), receipt.receipt().bundleId());
    }

    @Test
    void receiptFilesVerifyWithOpensslAgainstTheNodeCertificate() throws Exception {
        String lane = freshLane();
        OUTSIDE.next(lane, 1).build().writeInto(gap);
        ReturnMessage receipt = awaitReturn(m -> m.receipt() != null && lane.equals(m.receipt().lane()));
        Path file = returnFile(receipt.fileName());
        byte[] body;
        byte[] sig;
        try (SafeZip zip = SafeZip.open(file, 2)) {
            body = zip.read(ReturnMessage.FILE, 1 << 20, Rejection.BUNDLE_TOO_LARGE);
            sig = zip.read(ReturnMessage.SIGNATURE_FILE, 1024, Rejection.BAD_SIGNATURE);
        }
        Path dir = Files.createTempDirectory("receipt-openssl");
        Openssl.Result result = Openssl.verifyWithCertificate(dir, signing.certificatePem(), body, sig);
        assertTrue(result.ok(), result.output());
    }

    @Test
    void aTamperedManifestIsQuarantinedAsBadSignature() throws Exception {
        PeerNode.Draft draft = OUTSIDE.next(freshLane(), 1).add(batch(2));
        draft.manifestAfterSigning = b -> new String(b, StandardCharsets.UTF_8).replace("\"records\":2", "\"records\":1")
                .getBytes(StandardCharsets.UTF_8);
        assertQuarantined(draft.build(), Rejection.BAD_SIGNATURE);
    }

    @Test
    void aTamperedEntryIsQuarantinedAsDigestMismatch() throws Exception {
        PeerNode.Draft draft = OUTSIDE.next(freshLane(), 1).add(batch(2));
        draft.contentAfterSigning = content -> {
            List<SafeZip.Named> changed = new ArrayList<>(content);
            byte[] bytes = content.get(2).bytes().clone();
            bytes[3] = (byte) 'Y';
            changed.set(2, new SafeZip.Named(content.get(2).name(), bytes));
            return changed;
        };
        assertQuarantined(draft.build(), Rejection.ENTRY_DIGEST_MISMATCH);
    }

    @Test
    void aBundleFromAnUntrustedSignerIsQuarantined() throws Exception {
        PeerNode stranger = new PeerNode("stranger");
        PeerNode.Draft draft = OUTSIDE.next(freshLane(), 1).add(batch(1));
        draft.signer = stranger;
        draft.signerCertificateSm3 = stranger.certificateSm3();
        assertQuarantined(draft.build(), Rejection.UNTRUSTED_SIGNER);
    }

    @Test
    void aTruncatedFileIsQuarantinedAsUnreadable() throws Exception {
        PeerNode.Built built = OUTSIDE.next(freshLane(), 1).add(batch(3)).build();
        PeerNode.Built truncated = new PeerNode.Built(built.fileName(),
                Arrays.copyOf(built.bytes(), built.bytes().length - 100), built.manifest(), built.manifestSm3());
        assertQuarantined(truncated, Rejection.UNREADABLE);
    }

    @Test
    void aPathTraversalEntryIsQuarantined() throws Exception {
        PeerNode.Draft draft = OUTSIDE.next(freshLane(), 1).add(batch(1));
        draft.contentAfterSigning = content -> {
            List<SafeZip.Named> more = new ArrayList<>(content);
            more.add(new SafeZip.Named("../../etc/passwd", "root:x:0:0:".getBytes(StandardCharsets.UTF_8)));
            return more;
        };
        assertQuarantined(draft.build(), Rejection.UNSAFE_ENTRY_NAME);
        assertFalse(Files.exists(work.resolve("etc/passwd")));
        assertFalse(Files.exists(root.resolve("etc/passwd")));
    }

    @Test
    void anOversizedEntryIsQuarantined() throws Exception {
        PeerNode.Draft draft = OUTSIDE.next(freshLane(), 1);
        draft.entries.add(new ManifestEntry("big.ndjson", EntryKind.CASE_BATCH, 1L << 40, "0".repeat(64), 1,
                "11111111-1111-1111-1111-111111111111", "client-a", "3303", java.time.Instant.now()));
        draft.payload.add(new SafeZip.Named("big.ndjson", "{}\n".getBytes(StandardCharsets.UTF_8)));
        assertQuarantined(draft.build(), Rejection.ENTRY_TOO_LARGE);
    }

    @Test
    void aBundleOfAnUnknownLaneIsQuarantined() throws Exception {
        assertQuarantined(OUTSIDE.next("nolane", 1).build(), Rejection.UNKNOWN_LANE);
    }

    @Test
    void aReplayedBundleIsQuarantinedAndItsReceiptIsWrittenAgain() throws Exception {
        String lane = freshLane();
        PeerNode.Built built = OUTSIDE.next(lane, 1).build();
        built.writeInto(gap);
        await().atMost(WAIT).until(() -> Files.exists(work.resolve("done").resolve(built.fileName())));
        await().atMost(WAIT).until(() -> count("select count(*) from ferry_return where lane = ? and write_count = 1", lane) == 1);

        built.writeInto(gap);
        Path reason = awaitReason(built.fileName(), Rejection.REPLAY);
        assertTrue(Files.readString(reason).contains("already ingested"));
        await().atMost(WAIT).until(() -> count("select count(*) from ferry_return where lane = ? and write_count = 2", lane) == 1);
        assertEquals(1, count("select count(*) from ferry_bundle_in where lane = ?", lane));
        assertEquals(1, count("select count(*) from ferry_return where lane = ?", lane), "no second receipt, the first again");
    }

    @Test
    void aBundleWithAnotherManifestForAnIngestedSequenceIsASequenceConflict() throws Exception {
        String lane = freshLane();
        OUTSIDE.next(lane, 1).build().writeInto(gap);
        await().atMost(WAIT).until(() -> count("select count(*) from ferry_bundle_in where lane = ?", lane) == 1);
        PeerNode.Draft again = OUTSIDE.next(lane, 1);
        again.previousManifestSm3 = BundleManifest.GENESIS;
        assertQuarantined(again.build(), Rejection.SEQUENCE_CONFLICT);
    }

    @Test
    void aBundleLinkedToTheWrongPredecessorBreaksTheChain() throws Exception {
        String lane = freshLane();
        OUTSIDE.next(lane, 1).build().writeInto(gap);
        await().atMost(WAIT).until(() -> count("select count(*) from ferry_bundle_in where lane = ?", lane) == 1);
        PeerNode.Draft second = OUTSIDE.next(lane, 2);
        second.previousManifestSm3 = "e".repeat(64);
        assertQuarantined(second.build(), Rejection.CHAIN_BROKEN);
    }

    @Test
    void laterBundlesAreHeldUntilTheGapFillsThenIngestedInOrder() throws Exception {
        String lane = freshLane();
        PeerNode.Built first = OUTSIDE.next(lane, 1).build();
        PeerNode.Built second = OUTSIDE.next(lane, 2).build();
        PeerNode.Built third = OUTSIDE.next(lane, 3).build();
        third.writeInto(gap);
        second.writeInto(gap);
        await().atMost(WAIT).until(() -> count("select count(*) from ferry_held where lane = ?", lane) == 2);
        assertTrue(Files.exists(work.resolve("held").resolve(second.fileName())));
        assertEquals(0, count("select count(*) from ferry_bundle_in where lane = ?", lane));
        given().auth().oauth2(Clients.adminToken()).get("/api/v1/ferry/status").then().statusCode(200)
                .body("lanes.find { it.lane == '" + lane + "' }.held", org.hamcrest.Matchers.equalTo(2));

        first.writeInto(gap);
        await().atMost(WAIT).until(() -> count("select count(*) from ferry_bundle_in where lane = ?", lane) == 3);
        assertEquals(0, count("select count(*) from ferry_held where lane = ?", lane));
        assertEquals(3, count("select last_sequence from ferry_lane where lane = ? and direction = 'in'", lane));
        for (PeerNode.Built b : List.of(first, second, third)) {
            assertTrue(Files.exists(work.resolve("done").resolve(b.fileName())), b.fileName());
        }
        assertEquals(List.of(1L, 2L, 3L), longs("select sequence from ferry_bundle_in where lane = ? order by ingested_at, sequence", lane));
    }

    @Test
    void aGapOpenPastTheHoldTimeoutRaisesAnAlertAndAsksForTheMissingRange() throws Exception {
        String lane = freshLane();
        for (int seq = 1; seq <= 3; seq++) {
            OUTSIDE.next(lane, seq).build(); // built, never delivered
        }
        PeerNode.Built fourth = OUTSIDE.next(lane, 4).build();
        fourth.writeInto(gap);
        await().atMost(WAIT).until(() -> count("select count(*) from ferry_held where lane = ?", lane) == 1);
        assertEquals(0, count("select count(*) from ferry_alert where lane = ? and kind = 'hold-timeout'", lane));

        clock.advance(Duration.ofMinutes(3));
        await().atMost(WAIT).until(() -> count("select count(*) from ferry_alert where lane = ? and kind = 'hold-timeout'", lane) == 1);
        ReturnMessage request = awaitReturn(m -> m.resend() != null && lane.equals(m.resend().lane()));
        assertEquals(1, request.resend().fromSequence());
        assertEquals(3, request.resend().toSequence());
    }

    @Test
    void aQuarantinedBundleShowsAsARedSupervisionAlert() throws Exception {
        String lane = freshLane();
        PeerNode.Draft draft = OUTSIDE.next(lane, 1);
        draft.signer = new PeerNode("impostor");
        PeerNode.Built built = draft.build();
        assertQuarantined(built, Rejection.BAD_SIGNATURE);

        List<Map<String, Object>> alerts = supervisionAlerts("ferry-quarantine", "ferry-bundle", built.fileName());
        assertEquals(1, alerts.size(), alerts.toString());
        assertEquals("red", alerts.get(0).get("level"));
        assertEquals("open", alerts.get(0).get("status"));
        assertTrue(((String) alerts.get(0).get("detail")).contains(Rejection.BAD_SIGNATURE.code()));
    }

    @Test
    void aGapOpenPastTheHoldTimeoutShowsAsOneSupervisionAlert() throws Exception {
        String lane = freshLane();
        OUTSIDE.next(lane, 1).build(); // built, never delivered
        OUTSIDE.next(lane, 2).build().writeInto(gap);
        await().atMost(WAIT).until(() -> count("select count(*) from ferry_held where lane = ?", lane) == 1);

        clock.advance(Duration.ofMinutes(3));
        await().atMost(WAIT).until(() -> count("select count(*) from ferry_alert where lane = ? and kind = 'hold-timeout'", lane) == 1);

        List<Map<String, Object>> alerts = supervisionAlerts("ferry-sequence-gap", "ferry-lane", lane + "#1");
        assertEquals(1, alerts.size(), alerts.toString());
        assertEquals("yellow", alerts.get(0).get("level"));
    }

    private static List<Map<String, Object>> supervisionAlerts(String rule, String subjectType, String subjectId) {
        String supervisor = Clients.register("33", "supervisor").token();
        List<Map<String, Object>> all = given().auth().oauth2(supervisor).queryParam("rule", rule).queryParam("limit", 100)
                .get("/api/v1/supervision/alerts").then().statusCode(200).extract().jsonPath().getList("alerts");
        return all.stream().filter(a -> subjectType.equals(a.get("subjectType")) && subjectId.equals(a.get("subjectId")))
                .toList();
    }

    @Test
    void statusCountsQuarantinedBundlesPerLane() throws Exception {
        String lane = freshLane();
        PeerNode.Draft draft = OUTSIDE.next(lane, 1);
        draft.signer = new PeerNode("impostor");
        assertQuarantined(draft.build(), Rejection.BAD_SIGNATURE);
        PeerNode.Draft genuine = OUTSIDE.next(lane, 1);
        genuine.previousManifestSm3 = BundleManifest.GENESIS;
        genuine.build().writeInto(gap);
        await().atMost(WAIT).until(() -> count("select count(*) from ferry_bundle_in where lane = ?", lane) == 1);
        given().auth().oauth2(Clients.adminToken()).get("/api/v1/ferry/status").then().statusCode(200)
                .body("enabled", org.hamcrest.Matchers.equalTo(true))
                .body("zone", org.hamcrest.Matchers.equalTo("internal"))
                .body("lanes.find { it.lane == '" + lane + "' }.quarantined", org.hamcrest.Matchers.equalTo(1))
                .body("lanes.find { it.lane == '" + lane + "' }.lastSequenceReceived", org.hamcrest.Matchers.equalTo(1))
                .body("lanes.find { it.lane == '" + lane + "' }.held", org.hamcrest.Matchers.equalTo(0));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("govhub_ferry_last_sequence{lane=\"" + lane + "\",stage=\"received\"} 1.0"), metrics);
        assertTrue(metrics.contains("govhub_ferry_quarantined_bundles{lane=\"" + lane + "\"} 1.0"));
    }

    @Test
    void statusIsForAdminsAndSupervisorsOnly() {
        given().auth().oauth2(Clients.register("3303", "platform").token()).get("/api/v1/ferry/status").then().statusCode(403);
        given().get("/api/v1/ferry/status").then().statusCode(401);
        given().auth().oauth2(Clients.register("33", "supervisor").token()).get("/api/v1/ferry/status").then().statusCode(200);
    }

    // ---- cases across the gap ----

    private static PeerNode.Batch cases(String... lines) {
        return PeerNode.Batch.of("ext-platform", "3303", List.of(lines));
    }

    private long versions(String caseNo) throws Exception {
        return count("select count(*) from case_version where case_no = ?", caseNo);
    }

    @Test
    void casesInABundleAreStoredOnceInTheCaseLibraryAndReceiptedWithTheirOutcomes() throws Exception {
        String lane = freshLane();
        String one = FerryCases.caseNo("in");
        String two = FerryCases.caseNo("in");
        String foreign = FerryCases.caseNo("in");
        PeerNode.Batch batch = cases(FerryCases.line(one, FerryCases.REGION, 1), FerryCases.line(two, FerryCases.REGION, 1),
                FerryCases.line(foreign, "330402", 1));
        PeerNode.Built built = OUTSIDE.next(lane, 1).add(batch).build();
        built.writeInto(gap);

        await().atMost(WAIT).until(() -> Files.exists(work.resolve("done").resolve(built.fileName())));
        assertEquals(1, versions(one));
        assertEquals(1, versions(two));
        assertEquals(0, versions(foreign), "outside the pusher's region prefix: rejected inside too");
        assertEquals("ext-platform", text("select source_client from case_version where case_no = ?", one));
        ReturnMessage receipt = awaitReturn(m -> m.receipt() != null && lane.equals(m.receipt().lane()));
        Receipt.SubmissionReceipt submission = receipt.receipt().submissions().get(0);
        assertEquals(batch.submissionId(), submission.submissionId());
        assertEquals(2, submission.counts().get("created"));
        assertEquals(1, submission.counts().get("rejected"));
        Receipt.RecordOutcome rejected = submission.records().stream().filter(r -> foreign.equals(r.caseNo())).findFirst().orElseThrow();
        assertTrue(rejected.message().contains("regionCode"), rejected.message());
    }

    @Test
    void aReplayedBundleOfCasesStoresNothingTwice() throws Exception {
        String lane = freshLane();
        String caseNo = FerryCases.caseNo("replay");
        PeerNode.Built built = OUTSIDE.next(lane, 1).add(cases(FerryCases.line(caseNo, FerryCases.REGION, 1))).build();
        built.writeInto(gap);
        await().atMost(WAIT).until(() -> Files.exists(work.resolve("done").resolve(built.fileName())));
        built.writeInto(gap);
        awaitReason(built.fileName(), Rejection.REPLAY);
        assertEquals(1, versions(caseNo));
        assertEquals(1, count("select count(*) from case_feed where case_no = ?", caseNo));
    }

    @Test
    void aBundleWithAMalformedLineStoresNoneOfItsCases() throws Exception {
        String good = FerryCases.caseNo("bad-payload");
        PeerNode.Draft draft = OUTSIDE.next(freshLane(), 1).add(cases(FerryCases.line(good, FerryCases.REGION, 1),
                "{\"caseNo\": \"broken\""));
        assertQuarantined(draft.build(), Rejection.BAD_PAYLOAD);
        assertEquals(0, versions(good));
    }

    @Test
    void heldBundlesAreIngestedInSequenceSoALaterVersionIsNotLostAsStale() throws Exception {
        String lane = freshLane();
        String caseNo = FerryCases.caseNo("order");
        PeerNode.Built first = OUTSIDE.next(lane, 1).add(cases(FerryCases.line(caseNo, FerryCases.REGION, 1))).build();
        PeerNode.Built second = OUTSIDE.next(lane, 2).add(cases(FerryCases.line(caseNo, FerryCases.REGION, 2))).build();
        second.writeInto(gap);
        await().atMost(WAIT).until(() -> count("select count(*) from ferry_held where lane = ?", lane) == 1);
        assertEquals(0, versions(caseNo));
        first.writeInto(gap);
        await().atMost(WAIT).until(() -> count("select count(*) from ferry_bundle_in where lane = ?", lane) == 2);
        assertEquals(2, versions(caseNo));
        assertEquals(2, count("select data_version from case_state where case_no = ?", caseNo));
    }

    @Test
    void entriesOfABundleAreStoredInParallelButVersionsOfOneCaseInBundleOrder() throws Exception {
        String lane = freshLane();
        String shared = FerryCases.caseNo("parallel");
        // The first entry is long and the second short: without the case-order rule the third entry, which
        // holds the next version of the first entry's case, would run before the first one finished.
        List<String> longEntry = new ArrayList<>(List.of(FerryCases.line(shared, FerryCases.REGION, 1)));
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String caseNo = FerryCases.caseNo("parallel");
            others.add(caseNo);
            longEntry.add(FerryCases.line(caseNo, FerryCases.REGION, 1));
        }
        String alone = FerryCases.caseNo("parallel");
        PeerNode.Batch first = PeerNode.Batch.of("ext-platform", "3303", longEntry);
        PeerNode.Batch second = cases(FerryCases.line(alone, FerryCases.REGION, 1));
        PeerNode.Batch third = cases(FerryCases.line(shared, FerryCases.REGION, 2));
        PeerNode.Built built = OUTSIDE.next(lane, 1).add(first).add(second).add(third).build();
        built.writeInto(gap);

        await().atMost(WAIT).until(() -> Files.exists(work.resolve("done").resolve(built.fileName())));
        assertEquals(2, versions(shared), "both versions stored: version 1 must not be judged stale behind version 2");
        assertEquals(2, count("select data_version from case_state where case_no = ?", shared));
        List<Long> positions = longs("select feed_position from case_feed where case_no = ? order by data_version", shared);
        assertEquals(2, positions.size());
        assertTrue(positions.get(0) < positions.get(1), "version 1 entered the feed before version 2: " + positions);
        assertEquals(1, versions(alone));
        assertEquals(300, count("select count(*) from case_version where case_no in (" + String.join(",",
                java.util.Collections.nCopies(others.size(), "?")) + ")", others.toArray()));

        ReturnMessage receipt = awaitReturn(m -> m.receipt() != null && lane.equals(m.receipt().lane()));
        List<Receipt.SubmissionReceipt> submissions = receipt.receipt().submissions();
        assertEquals(List.of(first.submissionId(), second.submissionId(), third.submissionId()),
                submissions.stream().map(Receipt.SubmissionReceipt::submissionId).toList(), "one receipt per entry, in bundle order");
        assertEquals(301, submissions.get(0).counts().get("created"));
        assertEquals(shared, submissions.get(0).records().get(0).caseNo(), "outcomes keep the entry's line order");
        assertEquals("updated", submissions.get(2).records().get(0).outcome());
    }

    @Test
    void aBundleInDoneThatTheLedgerForgotIsTakenAgainSoLaterBundlesAreNotHeldForever() throws Exception {
        String lane = freshLane();
        String caseNo = FerryCases.caseNo("forgot");
        PeerNode.Built first = OUTSIDE.next(lane, 1).build();
        PeerNode.Built second = OUTSIDE.next(lane, 2).add(cases(FerryCases.line(caseNo, FerryCases.REGION, 1))).build();
        PeerNode.Built third = OUTSIDE.next(lane, 3).add(cases(FerryCases.line(caseNo, FerryCases.REGION, 2))).build();
        first.writeInto(gap);
        second.writeInto(gap);
        await().atMost(WAIT).until(() -> count("select count(*) from ferry_bundle_in where lane = ?", lane) == 2);
        // The database loses the second bundle's commit (an embedded database killed before it flushed,
        // or a restore from an older backup) while its file already sits in done/.
        update("delete from ferry_bundle_in where lane = ? and sequence = 2", lane);
        update("update ferry_lane set last_sequence = 1, last_manifest_sm3 = ? where lane = ? and direction = 'in'",
                first.manifestSm3(), lane);
        assertTrue(Files.exists(work.resolve("done").resolve(second.fileName())));

        third.writeInto(gap);
        await().atMost(WAIT).until(() -> count("select count(*) from ferry_bundle_in where lane = ?", lane) == 3);
        assertEquals(0, count("select count(*) from ferry_held where lane = ?", lane));
        assertEquals(3, count("select last_sequence from ferry_lane where lane = ? and direction = 'in'", lane));
        assertEquals(2, versions(caseNo), "each version once, the second bundle's not twice");
        assertEquals(2, count("select data_version from case_state where case_no = ?", caseNo));
        assertTrue(Files.exists(work.resolve("done").resolve(second.fileName())));
    }

    @Test
    void anIngestInterruptedAfterItsCasesWereStoredRunsAgainWithoutDuplicates() throws Exception {
        String lane = freshLane();
        String one = FerryCases.caseNo("crash");
        String two = FerryCases.caseNo("crash");
        PeerNode.Built built = OUTSIDE.next(lane, 1)
                .add(cases(FerryCases.line(one, FerryCases.REGION, 1), FerryCases.line(two, FerryCases.REGION, 1))).build();
        // The node stored the cases and died before recording the bundle: the pushes ran, the ferry
        // transaction never did, and the file is still there to be processed again.
        Path staged = built.writeInto(Files.createTempDirectory("crash"));
        VerifiedBundle verified = new BundleVerifier(OUTSIDE.trustedKey(), new BundleLimits(1 << 28, 1 << 26, 10_000, 1 << 23),
                org.govhub.common.HubConfig.Zone.internal).verify(staged);
        bundleIngest.ingest(verified);
        assertEquals(1, versions(one));
        assertEquals(0, count("select count(*) from ferry_bundle_in where lane = ?", lane));

        built.writeInto(gap);
        await().atMost(WAIT).until(() -> count("select count(*) from ferry_bundle_in where lane = ?", lane) == 1);
        assertEquals(1, versions(one));
        assertEquals(1, versions(two));
        assertEquals(1, count("select count(*) from case_feed where case_no = ?", one));
        ReturnMessage receipt = awaitReturn(m -> m.receipt() != null && lane.equals(m.receipt().lane()));
        assertEquals(Map.of("unchanged", 2), receipt.receipt().submissions().get(0).counts());
    }

    // ---- helpers ----

    private void assertQuarantined(PeerNode.Built built, Rejection reason) throws Exception {
        String lane = built.manifest().lane();
        built.writeInto(gap);
        Path reasonFile = awaitReason(built.fileName(), reason);
        assertTrue(Files.exists(work.resolve("quarantine").resolve(built.fileName())));
        assertTrue(Files.readString(reasonFile).contains("reason: " + reason.code()), Files.readString(reasonFile));
        assertEquals(0, count("select count(*) from ferry_bundle_in where manifest_sm3 = ?", built.manifestSm3()),
                "nothing of a quarantined bundle is recorded as ingested");
        await().atMost(WAIT).until(() -> count("select count(*) from ferry_alert where file_name = ? and reason = ?",
                built.fileName(), reason.code()) >= 1);
        ReturnMessage receipt = awaitReturn(m -> m.receipt() != null && built.fileName().equals(m.receipt().bundleFile())
                && m.receipt().status() == Receipt.Status.quarantined && reason.code().equals(m.receipt().reason()));
        assertTrue(receipt.receipt().detail() != null && !receipt.receipt().detail().isBlank());
        assertTrue(lane != null);
    }

    private Path awaitReason(String fileName, Rejection reason) {
        Path quarantine = work.resolve("quarantine");
        Path[] found = new Path[1];
        await().atMost(WAIT).until(() -> {
            if (!Files.isDirectory(quarantine)) {
                return false;
            }
            try (Stream<Path> files = Files.list(quarantine)) {
                for (Path p : files.filter(f -> f.getFileName().toString().startsWith(fileName)
                        && f.getFileName().toString().endsWith(FerryFolders.REASON_SUFFIX)).toList()) {
                    if (Files.readString(p).contains("reason: " + reason.code())) {
                        found[0] = p;
                        return true;
                    }
                }
            }
            return false;
        });
        return found[0];
    }

    private Path returnFile(String name) {
        return root.resolve("gap/return").resolve(name);
    }

    /** Waits for a return message in the return gap folder, verified with this node's certificate. */
    private ReturnMessage awaitReturn(java.util.function.Predicate<ReturnMessage> wanted) {
        TrustedKey us = TrustedKey.of(signing.certificate());
        ReturnMessage[] found = new ReturnMessage[1];
        await().atMost(WAIT).until(() -> {
            Path dir = root.resolve("gap/return");
            if (!Files.isDirectory(dir)) {
                return false;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.filter(f -> f.toString().endsWith(".zip") && !f.getFileName().toString().startsWith("."))
                        .toList()) {
                    ReturnMessage m = ReturnMessage.read(p, us);
                    if (wanted.test(m)) {
                        found[0] = m;
                        return true;
                    }
                }
            }
            return false;
        });
        return found[0];
    }

    private String text(String sql, Object... params) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void bind(PreparedStatement ps, Object... params) throws Exception {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }

    private void update(String sql, Object... params) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            assertEquals(1, ps.executeUpdate(), sql);
        }
    }

    private long count(String sql, Object... params) throws Exception {
        List<Long> values = longs(sql, params);
        return values.isEmpty() ? 0 : values.get(0);
    }

    private List<Long> longs(String sql, Object... params) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        }
    }
}
