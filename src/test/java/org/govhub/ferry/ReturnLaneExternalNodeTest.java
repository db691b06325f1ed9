package org.govhub.ferry;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.govhub.common.HubConfig;
import org.govhub.signing.SigningService;
import org.govhub.testing.Clients;
import org.govhub.testing.HubTest;
import org.govhub.testing.Openssl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The external node with the return lane on ({@code hub.ferry.ingest-lanes=feedback}): a return bundle
 * the internal node wrote into the return gap (here a peer with its own SM2 key) is verified and its
 * case versions are ingested through the case library, so the platform outside reads the case's new
 * status and signed result and sees the version in the feed exactly once; the node receipts it into
 * the outbound gap folder; a tampered return bundle is quarantined and nothing of it is stored.
 */
@QuarkusTest
@HubTest
@TestProfile(FerryProfiles.ExternalReturn.class)
class ReturnLaneExternalNodeTest {
    private static final PeerNode INSIDE = new PeerNode("int-node");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String LANE = "feedback";
    private static long sequence;

    @Inject
    SigningService signing;

    @Inject
    AgroalDataSource db;

    @Inject
    CamelContext camel;

    final Path root = FerryProfiles.root(side());
    private final Path outbound = root.resolve("gap/bundles");
    private final Path returnGap = root.resolve("gap/return");
    private final Path work = root.resolve("work");

    /** The folder of this test's profile under target/ferry-it/. */
    String side() {
        return "external-return";
    }

    @BeforeEach
    void trustTheInside() throws Exception {
        INSIDE.writeCertificate(root.resolve("peer.pem"));
    }

    @Test
    void theReturnLaneIsIngestedAndReceiptedWhenConfigured() {
        assertNotNull(camel.getRoute("ferry-outbound"));
        assertNotNull(camel.getRoute("ferry-receipts-in"));
        assertNotNull(camel.getRoute("ferry-receipts-out"));
        assertNotNull(camel.getRoute("ferry-hold-watch"));
    }

    @Test
    void aCaseFinishedInsideIsReadableOutsideOnceWithAResultSignatureOpensslAccepts() throws Exception {
        Clients.Registered platform = Clients.register("3303", "platform");
        String caseNo = FerryCases.caseNo("back");
        FerryCases.push(platform, FerryCases.accepted(caseNo, FerryCases.REGION, 1)).then().statusCode(200).body("created", equalTo(1));

        PeerNode.Built built = returnBundle(FerryCases.record(caseNo, FerryCases.REGION, 2));
        built.writeInto(returnGap);

        await().atMost(WAIT).until(() -> Files.exists(work.resolve("done").resolve(built.fileName())));
        given().auth().oauth2(platform.token()).get("/api/v1/cases/" + caseNo).then().statusCode(200)
                .body("dataVersion", equalTo(2)).body("record.status", equalTo("finished"));
        Response result = given().auth().oauth2(platform.token()).get("/api/v1/cases/" + caseNo + "/result");
        result.then().statusCode(200);
        byte[] body = result.asByteArray();
        assertTrue(new String(body, StandardCharsets.UTF_8).contains("给予警告"));
        byte[] sig = Base64.getDecoder().decode(result.header("X-Signature"));
        Openssl.Result verified = Openssl.verifyWithCertificate(Files.createTempDirectory("return-result"),
                signing.certificatePem(), body, sig);
        assertTrue(verified.ok(), verified.output());

        assertEquals(List.of(1L, 2L), feedVersions(caseNo));
        assertEquals(1, count("select count(*) from case_version where case_no = ? and data_version = 2", caseNo));

        ReturnMessage receipt = awaitReceipt(r -> built.manifestSm3().equals(r.manifestSm3()));
        assertEquals(Receipt.Status.accepted, receipt.receipt().status());
        assertEquals("updated", receipt.receipt().submissions().get(0).records().get(0).outcome());
    }

    @Test
    void theSameReturnBundleAgainIsAReplayAndChangesNothing() throws Exception {
        Clients.Registered platform = Clients.register("3303", "platform");
        String caseNo = FerryCases.caseNo("replay");
        PeerNode.Built built = returnBundle(FerryCases.record(caseNo, FerryCases.REGION, 1));
        built.writeInto(returnGap);
        await().atMost(WAIT).until(() -> Files.exists(work.resolve("done").resolve(built.fileName())));

        built.writeInto(returnGap);
        await().atMost(WAIT).until(() -> reason(built.fileName()).contains("reason: replay"));
        assertEquals(List.of(1L), feedVersions(caseNo));
        given().auth().oauth2(platform.token()).get("/api/v1/cases/" + caseNo).then().statusCode(200)
                .body("dataVersion", equalTo(1));
    }

    @Test
    void versionsIngestedFromTheReturnLaneAreNotSentBackInside() throws Exception {
        String caseNo = FerryCases.caseNo("noecho");
        PeerNode.Built built = returnBundle(FerryCases.record(caseNo, FerryCases.REGION, 1));
        built.writeInto(returnGap);
        await().atMost(WAIT).until(() -> Files.exists(work.resolve("done").resolve(built.fileName())));
        // A direct push afterwards is queued as usual, the ingested case never.
        Clients.Registered platform = Clients.register("3303", "platform");
        String batchId = FerryCases.push(platform, FerryCases.record(FerryCases.caseNo("noecho"), FerryCases.REGION, 1)).then()
                .statusCode(200).extract().path("batchId");
        assertEquals(1, count("select count(*) from ferry_outbox where submission_id = ?", batchId));
        assertEquals(0, count("select count(*) from ferry_outbox where payload like ?", "%" + caseNo + "%"));
    }

    @Test
    void aTamperedReturnBundleIsQuarantinedWithAReasonAndNothingOfItIsStored() throws Exception {
        Clients.Registered platform = Clients.register("3303", "platform");
        String caseNo = FerryCases.caseNo("tamper");
        FerryCases.push(platform, FerryCases.accepted(caseNo, FerryCases.REGION, 1)).then().statusCode(200);

        PeerNode.Built built;
        synchronized (ReturnLaneExternalNodeTest.class) {
            String head = INSIDE.head(LANE);
            PeerNode.Draft draft = INSIDE.next(LANE, sequence + 1);
            draft.targetZone = HubConfig.Zone.external;
            draft.add(PeerNode.Batch.of("dept-system", "3303", List.of(FerryCases.record(caseNo, FerryCases.REGION, 2).toString())));
            // The result's decision is altered after the bundle was signed.
            draft.contentAfterSigning = content -> content.stream().map(n -> n.name().endsWith(".ndjson")
                    ? new SafeZip.Named(n.name(), new String(n.bytes(), StandardCharsets.UTF_8).replace("给予警告", "不予处罚")
                            .getBytes(StandardCharsets.UTF_8))
                    : n).toList();
            built = draft.build();
            INSIDE.resetHead(LANE, head);
        }
        built.writeInto(returnGap);

        await().atMost(WAIT).until(() -> reason(built.fileName()).contains("reason: entry-digest-mismatch"));
        given().auth().oauth2(platform.token()).get("/api/v1/cases/" + caseNo).then().statusCode(200)
                .body("dataVersion", equalTo(1)).body("record.status", equalTo("accepted"));
        assertEquals(0, count("select count(*) from case_version where case_no = ? and data_version = 2", caseNo));
        // The refused file is reported by name: its manifest was not trusted, so no digest is vouched for.
        ReturnMessage receipt = awaitReceipt(r -> r.status() == Receipt.Status.quarantined
                && built.fileName().equals(r.bundleFile()));
        assertEquals("entry-digest-mismatch", receipt.receipt().reason());
    }

    /** The next return bundle of the inside peer, carrying one department push. */
    private static synchronized PeerNode.Built returnBundle(ObjectNode... records) {
        List<String> lines = new ArrayList<>();
        for (ObjectNode r : records) {
            lines.add(r.toString());
        }
        PeerNode.Draft draft = INSIDE.next(LANE, ++sequence);
        draft.targetZone = HubConfig.Zone.external;
        draft.add(PeerNode.Batch.of("dept-system", "3303", lines));
        return draft.build();
    }



    /** The data versions of the case in the change feed, in feed order. */
    private List<Long> feedVersions(String caseNo) {
        Clients.Registered aggregator = Clients.register("3303", "aggregator");
        List<Long> versions = new ArrayList<>();
        long after = 0;
        while (true) {
            Response page = given().auth().oauth2(aggregator.token()).queryParam("after", after).queryParam("limit", 1000)
                    .get("/api/v1/cases/changes");
            page.then().statusCode(200);
            List<String> caseNos = page.jsonPath().getList("entries.caseNo", String.class);
            List<Long> dataVersions = page.jsonPath().getList("entries.dataVersion", Long.class);
            for (int i = 0; i < caseNos.size(); i++) {
                if (caseNo.equals(caseNos.get(i))) {
                    versions.add(dataVersions.get(i));
                }
            }
            if (!page.jsonPath().getBoolean("hasMore")) {
                return versions;
            }
            after = page.jsonPath().getLong("nextCursor");
        }
    }

    private String reason(String fileName) throws Exception {
        Path q = work.resolve("quarantine");
        if (!Files.isDirectory(q)) {
            return "";
        }
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(q)) {
            for (Path p : files.filter(f -> f.getFileName().toString().startsWith(fileName)
                    && f.getFileName().toString().endsWith(FerryFolders.REASON_SUFFIX)).toList()) {
                all.append(Files.readString(p));
            }
        }
        return all.toString();
    }

    /** Waits for this node's receipt for a return bundle in the outbound gap folder, verified with its certificate. */
    private ReturnMessage awaitReceipt(java.util.function.Predicate<Receipt> wanted) {
        TrustedKey us = TrustedKey.of(signing.certificate());
        ReturnMessage[] found = new ReturnMessage[1];
        await().atMost(WAIT).until(() -> {
            if (!Files.isDirectory(outbound)) {
                return false;
            }
            try (Stream<Path> files = Files.list(outbound)) {
                for (Path p : files.filter(f -> ReturnMessage.isFileName(f.getFileName().toString())).toList()) {
                    ReturnMessage m = ReturnMessage.read(p, us);
                    if (m.receipt() != null && wanted.test(m.receipt())) {
                        found[0] = m;
                        return true;
                    }
                }
            }
            return false;
        });
        return found[0];
    }

    private long count(String sql, Object... params) throws Exception {
        return FerrySql.count(db, sql, params);
    }
}
