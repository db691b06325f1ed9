package org.govhub.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.govhub.common.HubConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every check of a bundle file on its own, with real files written by a peer with its own SM2 key. */
class BundleVerifierTest {
    private static final BundleLimits LIMITS = new BundleLimits(8 * 1024 * 1024, 1024 * 1024, 100, 1024 * 1024);
    private final PeerNode peer = new PeerNode("ext-test");

    @TempDir
    Path dir;

    private BundleVerifier verifier() {
        return new BundleVerifier(peer.trustedKey(), LIMITS, HubConfig.Zone.internal);
    }

    private PeerNode.Draft draft() {
        return peer.next("cases", 1).add(PeerNode.Batch.of("client-a", "3303",
                List.of("{\"caseNo\":\"A-1\"}", "{\"caseNo\":\"A-2\"}")));
    }

    private Rejection refusal(Path file) {
        return assertThrows(BundleRejectedException.class, () -> verifier().verify(file)).reason();
    }

    @Test
    void aWellFormedBundleVerifiesAndReportsItsManifestDigest() throws Exception {
        PeerNode.Built built = draft().build();
        VerifiedBundle bundle = verifier().verify(built.writeInto(dir));
        assertEquals(built.manifestSm3(), bundle.manifestSm3());
        assertEquals("cases", bundle.name().lane().name());
        assertEquals(1, bundle.name().sequence());
        assertEquals(2, bundle.manifest().recordCount());
        ManifestEntry entry = bundle.manifest().entries().get(0);
        assertEquals("{\"caseNo\":\"A-1\"}\n{\"caseNo\":\"A-2\"}\n", new String(bundle.entry(entry), StandardCharsets.UTF_8));
    }

    @Test
    void aSmallBundleKeepsTheBytesItCheckedSoIngestDoesNotDependOnTheFileAnyMore() throws Exception {
        Path file = draft().build().writeInto(dir);
        VerifiedBundle bundle = verifier().verify(file);
        Files.delete(file);
        ManifestEntry entry = bundle.manifest().entries().get(0);
        assertEquals("{\"caseNo\":\"A-1\"}\n{\"caseNo\":\"A-2\"}\n", new String(bundle.entry(entry), StandardCharsets.UTF_8));
    }

    @Test
    void aBundleAboveTheKeepLimitIsReadAgainAndACopyChangedAfterVerificationIsRefused() throws Exception {
        String pad = "x".repeat(1000);
        List<String> lines = new ArrayList<>();
        for (int i = 0; lines.size() * 1030L <= BundleVerifier.KEEP_CHECKED_BYTES; i++) {
            lines.add(String.format("{\"caseNo\":\"B-%06d\",\"pad\":\"%s\"}", i, pad));
        }
        PeerNode.Draft draft = peer.next("cases", 1).add(PeerNode.Batch.of("client-a", "3303", lines));
        BundleLimits roomy = new BundleLimits(256L * 1024 * 1024, 256L * 1024 * 1024, 100, 1024 * 1024);
        Path file = draft.build().writeInto(dir);
        VerifiedBundle bundle = new BundleVerifier(peer.trustedKey(), roomy, HubConfig.Zone.internal).verify(file);
        ManifestEntry entry = bundle.manifest().entries().get(0);
        assertTrue(entry.size() > BundleVerifier.KEEP_CHECKED_BYTES, "the entry must exceed the keep limit: " + entry.size());
        assertEquals(entry.sm3(), org.govhub.signing.Sm3.hex(org.govhub.signing.Sm3.digest(bundle.entry(entry))));

        draft.contentAfterSigning = content -> replace(content, entry.name(), replaceAll(content.get(2).bytes(),
                "B-000000".getBytes(StandardCharsets.UTF_8), "B-999999".getBytes(StandardCharsets.UTF_8)));
        Files.write(file, draft.build().bytes());
        assertEquals(Rejection.ENTRY_DIGEST_MISMATCH, assertThrows(BundleRejectedException.class, () -> bundle.entry(entry)).reason());
    }

    @Test
    void aTamperedManifestFailsTheSignature() throws Exception {
        PeerNode.Draft draft = draft();
        draft.manifestAfterSigning = bytes -> new String(bytes, StandardCharsets.UTF_8)
                .replace("\"records\":2", "\"records\":3").getBytes(StandardCharsets.UTF_8);
        assertEquals(Rejection.BAD_SIGNATURE, refusal(draft.build().writeInto(dir)));
    }

    @Test
    void aTamperedEntryFailsItsDigest() throws Exception {
        PeerNode.Draft draft = draft();
        draft.contentAfterSigning = content -> replace(content, content.get(2).name(),
                "{\"caseNo\":\"A-9\"}\n{\"caseNo\":\"A-2\"}\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(Rejection.ENTRY_DIGEST_MISMATCH, refusal(draft.build().writeInto(dir)));
    }

    @Test
    void anEntryOfAnotherLengthFailsItsSize() throws Exception {
        PeerNode.Draft draft = draft();
        draft.contentAfterSigning = content -> replace(content, content.get(2).name(),
                "{\"caseNo\":\"A-1\"}\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(Rejection.ENTRY_SIZE_MISMATCH, refusal(draft.build().writeInto(dir)));
    }

    @Test
    void aBundleSignedByAnotherNodeNamesTheUntrustedSigner() throws Exception {
        PeerNode stranger = new PeerNode("stranger");
        PeerNode.Draft draft = draft();
        draft.signer = stranger;
        draft.signerCertificateSm3 = stranger.certificateSm3();
        BundleRejectedException why = assertThrows(BundleRejectedException.class,
                () -> verifier().verify(draft.build().writeInto(dir)));
        assertEquals(Rejection.UNTRUSTED_SIGNER, why.reason());
        assertTrue(why.detail().contains(stranger.certificateSm3()), why.detail());
    }

    @Test
    void anotherNodeClaimingTheTrustedCertificateFailsTheSignature() throws Exception {
        PeerNode.Draft draft = draft();
        draft.signer = new PeerNode("impostor");
        assertEquals(Rejection.BAD_SIGNATURE, refusal(draft.build().writeInto(dir)));
    }

    @Test
    void aTruncatedFileIsUnreadable() throws Exception {
        PeerNode.Built built = draft().build();
        Path file = dir.resolve(built.fileName());
        Files.write(file, Arrays.copyOf(built.bytes(), built.bytes().length - 40));
        assertEquals(Rejection.UNREADABLE, refusal(file));
    }

    @Test
    void aFileCutInHalfIsUnreadable() throws Exception {
        PeerNode.Built built = draft().build();
        Path file = dir.resolve(built.fileName());
        Files.write(file, Arrays.copyOf(built.bytes(), built.bytes().length / 2));
        assertEquals(Rejection.UNREADABLE, refusal(file));
    }

    @Test
    void aPathTraversalEntryNameIsRefused() throws Exception {
        PeerNode.Draft draft = draft();
        draft.contentAfterSigning = content -> {
            List<SafeZip.Named> more = new ArrayList<>(content);
            more.add(new SafeZip.Named("../../etc/passwd", "root:x:0:0".getBytes(StandardCharsets.UTF_8)));
            return more;
        };
        BundleRejectedException why = assertThrows(BundleRejectedException.class,
                () -> verifier().verify(draft.build().writeInto(dir)));
        assertEquals(Rejection.UNSAFE_ENTRY_NAME, why.reason());
        assertTrue(why.detail().contains("../../etc/passwd"), why.detail());
    }

    @Test
    void aManifestDeclaringAPathTraversalNameIsRefused() throws Exception {
        PeerNode.Draft draft = peer.next("cases", 1);
        draft.entries.add(new ManifestEntry("..%2fetc", EntryKind.CASE_BATCH, 1, "0".repeat(64), 1,
                "00000000-0000-0000-0000-000000000000", "c", "33", java.time.Instant.now()));
        assertEquals(Rejection.BAD_MANIFEST, refusal(draft.build().writeInto(dir)));
    }

    @Test
    void anEntryDeclaredLargerThanTheLimitIsRefusedBeforeItIsRead() throws Exception {
        PeerNode.Draft draft = peer.next("cases", 1);
        byte[] big = new byte[2 * 1024 * 1024];
        Arrays.fill(big, (byte) '{');
        PeerNode.Batch batch = new PeerNode.Batch("11111111-1111-1111-1111-111111111111", "c", "33",
                List.of(new String(big, StandardCharsets.US_ASCII)));
        draft.add(batch);
        BundleRejectedException why = assertThrows(BundleRejectedException.class,
                () -> verifier().verify(draft.build().writeInto(dir)));
        assertEquals(Rejection.ENTRY_TOO_LARGE, why.reason());
    }

    @Test
    void aZipBombBehindASmallDeclaredSizeIsCutOffAtThatSize() throws Exception {
        PeerNode.Draft draft = draft();
        byte[] bomb = new byte[50 * 1024 * 1024]; // 50 MB of zeros deflate to ~230 KB at the writer's fastest level
        draft.contentAfterSigning = content -> replace(content, content.get(2).name(), bomb);
        Path file = draft.build().writeInto(dir);
        assertTrue(Files.size(file) < 500_000, "the bomb is small on disk");
        assertEquals(Rejection.ENTRY_SIZE_MISMATCH, refusal(file));
    }

    @Test
    void anUndeclaredEntryIsRefused() throws Exception {
        PeerNode.Draft draft = draft();
        draft.contentAfterSigning = content -> {
            List<SafeZip.Named> more = new ArrayList<>(content);
            more.add(new SafeZip.Named("smuggled.ndjson", "{}".getBytes(StandardCharsets.UTF_8)));
            return more;
        };
        assertEquals(Rejection.UNDECLARED_ENTRY, refusal(draft.build().writeInto(dir)));
    }

    @Test
    void aDeclaredEntryThatIsAbsentIsRefused() throws Exception {
        PeerNode.Draft draft = draft();
        draft.contentAfterSigning = content -> content.subList(0, 2);
        assertEquals(Rejection.MISSING_ENTRY, refusal(draft.build().writeInto(dir)));
    }

    @Test
    void aDuplicatedEntryNameIsRefused() throws Exception {
        PeerNode.Draft draft = draft();
        String name = draft.payload.get(0).name();
        String twin = "Z" + name.substring(1);
        draft.contentAfterSigning = content -> {
            List<SafeZip.Named> more = new ArrayList<>(content);
            more.add(new SafeZip.Named(twin, "{}\n".getBytes(StandardCharsets.UTF_8)));
            return more;
        };
        PeerNode.Built built = draft.build();
        // Rename the twin to the original name in the raw zip bytes (local header and central directory).
        byte[] raw = replaceAll(built.bytes(), twin.getBytes(StandardCharsets.US_ASCII), name.getBytes(StandardCharsets.US_ASCII));
        Path file = dir.resolve(built.fileName());
        Files.write(file, raw);
        assertEquals(Rejection.DUPLICATE_ENTRY, refusal(file));
    }

    @Test
    void aBundleWithoutSignatureIsRefused() throws Exception {
        PeerNode.Draft draft = draft();
        draft.contentAfterSigning = content -> List.of(content.get(0), content.get(2));
        assertEquals(Rejection.MISSING_SIGNATURE, refusal(draft.build().writeInto(dir)));
    }

    @Test
    void aFileNameThatIsNotLaneAndSequenceIsRefused() throws Exception {
        assertEquals(Rejection.BAD_FILE_NAME, refusal(draft().build().writeAs(dir, "cases-1.zip")));
    }

    @Test
    void aFileRenamedToAnotherSequenceIsRefused() throws Exception {
        assertEquals(Rejection.NAME_MISMATCH, refusal(draft().build().writeAs(dir, "cases-000000000002.zip")));
    }

    @Test
    void aBundleForTheOtherZoneIsRefused() throws Exception {
        PeerNode.Draft draft = draft();
        draft.targetZone = HubConfig.Zone.external;
        assertEquals(Rejection.WRONG_TARGET_ZONE, refusal(draft.build().writeInto(dir)));
    }

    @Test
    void aFileLargerThanTheBundleLimitIsRefusedUnopened() throws Exception {
        Path file = dir.resolve("cases-000000000001.zip");
        Files.write(file, new byte[(int) LIMITS.maxBundleBytes() + 1]);
        assertEquals(Rejection.BUNDLE_TOO_LARGE, refusal(file));
    }

    private static List<SafeZip.Named> replace(List<SafeZip.Named> content, String name, byte[] bytes) {
        List<SafeZip.Named> changed = new ArrayList<>();
        for (SafeZip.Named named : content) {
            changed.add(named.name().equals(name) ? new SafeZip.Named(name, bytes) : named);
        }
        return changed;
    }

    private static byte[] replaceAll(byte[] data, byte[] from, byte[] to) {
        byte[] out = data.clone();
        for (int i = 0; i + from.length <= out.length; i++) {
            if (Arrays.equals(out, i, i + from.length, from, 0, from.length)) {
                System.arraycopy(to, 0, out, i, to.length);
            }
        }
        return out;
    }
}
