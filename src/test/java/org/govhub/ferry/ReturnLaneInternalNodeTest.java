package org.govhub.ferry;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.govhub.common.HubConfig;
import org.govhub.signing.SigningService;
import org.govhub.testing.Clients;
import org.govhub.testing.HubTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The internal node with the return lane on ({@code hub.ferry.pack-lanes=feedback}): case versions a
 * department system pushes to it directly are sealed into signed {@code feedback} bundles in the
 * return gap folder; versions that came across the gap are never sent back; receipts for return
 * bundles, written by the external node into the inbound gap folder, are applied to them.
 */
@QuarkusTest
@HubTest
@TestProfile(FerryProfiles.InternalReturn.class)
class ReturnLaneInternalNodeTest {
    private static final PeerNode OUTSIDE = new PeerNode("ext-node");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static long casesSequence;

    @Inject
    SigningService signing;

    @Inject
    AgroalDataSource db;

    @Inject
    CamelContext camel;

    @Inject
    FerryNode node;

    private final Path root = FerryProfiles.root("internal-return");
    private final Path inbound = root.resolve("gap/bundles");
    private final Path returnGap = root.resolve("gap/return");

    @BeforeEach
    void trustTheOutside() throws Exception {
        OUTSIDE.writeCertificate(root.resolve("peer.pem"));
    }

    @Test
    void theReturnLaneIsPackedAndTheCaseLaneStillIngestedWhenConfigured() {
        assertNotNull(camel.getRoute("ferry-outbound"));
        assertNotNull(camel.getRoute("ferry-inbound"));
        assertNotNull(camel.getRoute("ferry-receipts-out"));
        assertEquals(List.of(Lane.parse("feedback")), node.packLanes());
        assertTrue(node.ingestLanes().contains(Lane.parse("cases")));
        assertEquals(Lane.parse("feedback"), node.caseVersionLane().orElseThrow());
    }

    @Test
    void aFerriedCaseFinishedByADepartmentInsideTravelsBackOnceAndTheFerriedVersionNever() throws Exception {
        String caseNo = FerryCases.caseNo("ret");
        ferryIn(FerryCases.accepted(caseNo, FerryCases.REGION, 1));
        Clients.Registered department = Clients.register("3303", "platform");
        await().atMost(WAIT).until(() -> given().auth().oauth2(department.token()).get("/api/v1/cases/" + caseNo)
                .statusCode() == 200);

        String batchId = FerryCases.push(department, FerryCases.record(caseNo, FerryCases.REGION, 2)).then().statusCode(200)
                .body("updated", equalTo(1)).extract().path("batchId");

        VerifiedBundle bundle = awaitReturnBundleWith(batchId);
        assertEquals(HubConfig.Zone.external, bundle.manifest().targetZone());
        assertEquals("feedback", bundle.manifest().lane());
        ManifestEntry entry = bundle.manifest().entries().stream().filter(e -> batchId.equals(e.submissionId()))
                .findFirst().orElseThrow();
        assertEquals(department.clientId(), entry.clientId());
        assertEquals("3303", entry.regionPrefix());
        List<JsonNode> lines = linesOf(caseNo);
        assertEquals(1, lines.size(), "the department's version travels back exactly once: " + lines);
        assertEquals(2, lines.get(0).path("dataVersion").asLong());
        assertEquals("finished", lines.get(0).path("status").asText());
        assertEquals("给予警告", lines.get(0).path("result").path("decision").asText());
    }

    @Test
    void versionsThatCameAcrossTheGapAreNeverQueuedForTheReturnLane() throws Exception {
        String caseNo = FerryCases.caseNo("echo");
        ferryIn(FerryCases.record(caseNo, FerryCases.REGION, 1));
        Clients.Registered reader = Clients.register("3303", "platform");
        await().atMost(WAIT).until(() -> given().auth().oauth2(reader.token()).get("/api/v1/cases/" + caseNo)
                .statusCode() == 200);
        // A later direct push proves the return lane works meanwhile; the ferried case is still not in it.
        String other = FerryCases.caseNo("echo");
        String batchId = FerryCases.push(reader, FerryCases.record(other, FerryCases.REGION, 1)).then().statusCode(200)
                .extract().path("batchId");
        awaitReturnBundleWith(batchId);
        assertEquals(0, count("select count(*) from ferry_outbox where lane = 'feedback' and payload like ?",
                "%" + caseNo + "%"));
        assertEquals(List.of(), linesOf(caseNo));
    }

    @Test
    void aReceiptForAReturnBundleArrivingThroughTheInboundGapMarksItsSubmissionReceipted() throws Exception {
        Clients.Registered department = Clients.register("3303", "platform");
        String caseNo = FerryCases.caseNo("rcpt");
        String batchId = FerryCases.push(department, FerryCases.record(caseNo, FerryCases.REGION, 1)).then().statusCode(200)
                .extract().path("batchId");
        VerifiedBundle bundle = awaitReturnBundleWith(batchId);
        Receipt receipt = new Receipt(bundle.name().fileName(), "feedback", bundle.name().sequence(),
                bundle.manifest().bundleId(), bundle.manifestSm3(), Receipt.Status.accepted, null, null, Instant.now(),
                bundle.manifest().entries().stream().map(e -> new Receipt.SubmissionReceipt(e.submissionId(), e.name(),
                        Map.of("updated", e.records()), List.of())).toList());
        ReturnMessage message = OUTSIDE.receipt(receipt);
        Path temp = inbound.resolve(".part-" + message.fileName());
        Files.createDirectories(inbound);
        Files.write(temp, OUTSIDE.returnMessage(message));
        Files.move(temp, inbound.resolve(message.fileName()));

        await().atMost(WAIT).until(() -> OutboxSubmission.RECEIPTED.equals(
                text("select state from ferry_outbox where submission_id = ?", batchId)));
        given().auth().oauth2(department.token()).get("/api/v1/ferry/submissions/" + batchId).then().statusCode(200)
                .body("state", equalTo("receipted"));
        assertTrue(Files.exists(root.resolve("work/returns-done").resolve(message.fileName())));
    }

    /** Writes a cases-lane bundle from the outside peer into the inbound gap folder. */
    private static synchronized void ferryIn(ObjectNode... records) throws Exception {
        List<String> lines = new ArrayList<>();
        for (ObjectNode r : records) {
            lines.add(r.toString());
        }
        OUTSIDE.next("cases", ++casesSequence).add(PeerNode.Batch.of("wz-platform", "3303", lines)).build()
                .writeInto(FerryProfiles.root("internal-return").resolve("gap/bundles"));
    }



    private BundleVerifier verifier() {
        return new BundleVerifier(TrustedKey.of(signing.certificate()), node.limits(), HubConfig.Zone.external);
    }

    private List<VerifiedBundle> returnBundles() throws Exception {
        List<VerifiedBundle> out = new ArrayList<>();
        if (!Files.isDirectory(returnGap)) {
            return out;
        }
        try (Stream<Path> files = Files.list(returnGap)) {
            for (Path p : files.filter(f -> BundleName.parse(f.getFileName().toString()).isPresent()).sorted().toList()) {
                out.add(verifier().verify(p));
            }
        }
        return out;
    }

    private VerifiedBundle awaitReturnBundleWith(String submissionId) {
        VerifiedBundle[] found = new VerifiedBundle[1];
        await().atMost(WAIT).until(() -> {
            for (VerifiedBundle b : returnBundles()) {
                if (b.manifest().entries().stream().anyMatch(e -> submissionId.equals(e.submissionId()))) {
                    found[0] = b;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    /** Every record line of the case in any return bundle written so far. */
    private List<JsonNode> linesOf(String caseNo) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (VerifiedBundle b : returnBundles()) {
            for (ManifestEntry e : b.manifest().entries()) {
                for (JsonNode line : FerryCases.trees(CaseBatchLines.read(e, b.entry(e)))) {
                    if (caseNo.equals(line.path("caseNo").asText())) {
                        lines.add(line);
                    }
                }
            }
        }
        return lines;
    }

    private String text(String sql, Object... params) throws Exception {
        return FerrySql.text(db, sql, params);
    }

    private long count(String sql, Object... params) throws Exception {
        return FerrySql.count(db, sql, params);
    }
}
