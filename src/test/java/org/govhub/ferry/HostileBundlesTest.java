package org.govhub.ferry;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.govhub.signing.Sm3;
import org.govhub.testing.HubTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile bundles thrown at the internal node through its real routes: zip bombs (one huge entry behind a
 * small or an honest declared size, and tens of thousands of entries), path traversal and absolute entry
 * names, duplicate names, a nested zip, manifests that disagree with the container. Each one is
 * quarantined with its specific reason (or held, for a bundle from the future), nothing of any of them is
 * ingested (asserted on the database), and the node still ingests a valid bundle afterwards. Prints the
 * figure: tried / quarantined / held / ingested. Runs on the internal node of {@link InternalNodeFerryTest}
 * (one hub start for both), on lanes of its own ({@link FerryProfiles#HOSTILE_LANES}).
 */
@QuarkusTest
@HubTest
@TestProfile(FerryProfiles.Internal.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileBundlesTest {
    private static final PeerNode OUTSIDE = new PeerNode("ext-hostile");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final long GIB = 1L << 30;
    private static final int CASES = 20;
    private static final AtomicInteger TRIED = new AtomicInteger();
    private static final AtomicInteger QUARANTINED = new AtomicInteger();
    private static final AtomicInteger HELD = new AtomicInteger();
    private static final List<String> LANES = FerryProfiles.HOSTILE_LANES;
    private static long ingestedCases = -1;
    private static long ingestedBundles = -1;

    @Inject
    AgroalDataSource db;

    private final Path root = FerryProfiles.root("internal");
    private final Path gap = root.resolve("gap/bundles");
    private final Path work = root.resolve("work");

    @BeforeEach
    void trustTheOutside() throws Exception {
        OUTSIDE.writeCertificate(root.resolve("peer.pem"));
        // The profile cleans its folder when Quarkus reads the overrides, which may be after the route made the gap folder.
        Files.createDirectories(gap);
    }

    /** One hostile bundle: how it is made (lane given), and the reason it must be refused with (null: held). */
    record Hostile(String name, Rejection reason, Function<String, Made> make) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A bundle file written to a staging folder, with the case numbers its payload would create if ingested. */
    record Made(Path file, List<String> caseNos) {
    }

    /** Names only: Quarkus clones parameterised arguments into its class loader, which lambdas do not survive. */
    static Stream<String> hostileBundles() {
        return catalogue().stream().map(Hostile::name);
    }

    static List<Hostile> catalogue() {
        List<Hostile> all = new ArrayList<>();
        all.add(new Hostile("zip bomb: 1 GiB of zeros behind a signed size of one record", Rejection.ENTRY_SIZE_MISMATCH, lane -> {
            Signed s = signed(lane, 1, 1);
            return s.write(entries(s, e -> e.name().endsWith(".ndjson") ? RawEntry.zeros(e.name(), GIB) : e));
        }));
        all.add(new Hostile("zip bomb: 1 GiB entry declared honestly in the signed manifest", Rejection.ENTRY_TOO_LARGE, lane -> {
            String submission = UUID.randomUUID().toString();
            Signed s = signed(lane, 1, List.of(ManifestEntry.caseBatch(submission, GIB, "0".repeat(64), 1, "ext-platform",
                    "3303", now())), List.of());
            return s.write(List.of(s.manifestEntry(), s.signatureEntry(), RawEntry.zeros(submission + ".ndjson", GIB)));
        }));
        all.add(new Hostile("many-entries bomb: 20,000 entries", Rejection.TOO_MANY_ENTRIES, lane -> {
            Signed s = signed(lane, 1, 1);
            List<RawEntry> raw = entries(s, e -> e);
            for (int i = 0; i < 20_000; i++) {
                raw.add(RawEntry.of("e" + i, new byte[] {'{'}));
            }
            return s.write(raw);
        }));
        all.add(new Hostile("entry ../../etc/passwd besides the declared ones", Rejection.UNSAFE_ENTRY_NAME,
                lane -> extra(lane, "../../etc/passwd")));
        all.add(new Hostile("declared payload renamed ../../etc/passwd", Rejection.UNSAFE_ENTRY_NAME, lane -> {
            Signed s = signed(lane, 1, 1);
            return s.write(entries(s, e -> e.name().endsWith(".ndjson") ? RawEntry.of("../../etc/passwd", e.bytes()) : e));
        }));
        all.add(new Hostile("absolute entry name /etc/passwd", Rejection.UNSAFE_ENTRY_NAME, lane -> extra(lane, "/etc/passwd")));
        all.add(new Hostile("absolute entry name /tmp/govhub-owned.ndjson", Rejection.UNSAFE_ENTRY_NAME,
                lane -> extra(lane, "/tmp/govhub-owned.ndjson")));
        all.add(new Hostile("Windows absolute entry name C:\\Windows\\win.ini", Rejection.UNSAFE_ENTRY_NAME,
                lane -> extra(lane, "C:\\Windows\\win.ini")));
        all.add(new Hostile("backslash traversal ..\\..\\evil", Rejection.UNSAFE_ENTRY_NAME, lane -> extra(lane, "..\\..\\evil")));
        all.add(new Hostile("folder entry payload/", Rejection.UNSAFE_ENTRY_NAME, lane -> extra(lane, "payload/")));
        all.add(new Hostile("entry inside a folder payload/x.ndjson", Rejection.UNSAFE_ENTRY_NAME,
                lane -> extra(lane, "payload/x.ndjson")));
        all.add(new Hostile("hidden entry .profile", Rejection.UNSAFE_ENTRY_NAME, lane -> extra(lane, ".profile")));
        all.add(new Hostile("control character in an entry name", Rejection.UNSAFE_ENTRY_NAME, lane -> extra(lane, "a\u0001b")));
        all.add(new Hostile("payload entry name twice", Rejection.DUPLICATE_ENTRY, lane -> {
            Signed s = signed(lane, 1, 1);
            RawEntry payload = s.payload.get(0);
            List<RawEntry> raw = entries(s, e -> e);
            raw.add(RawEntry.of(payload.name(), ("{\"caseNo\":\"smuggled\"}\n").getBytes(StandardCharsets.UTF_8)));
            return s.write(raw);
        }));
        all.add(new Hostile("manifest.json twice (a second, unsigned manifest)", Rejection.DUPLICATE_ENTRY, lane -> {
            Signed s = signed(lane, 1, 1);
            List<RawEntry> raw = entries(s, e -> e);
            raw.add(RawEntry.of(BundleManifest.FILE, "{\"format\":\"evil\"}".getBytes(StandardCharsets.UTF_8)));
            return s.write(raw);
        }));
        all.add(new Hostile("nested zip declared and signed as a case batch", Rejection.BAD_PAYLOAD, lane -> {
            String caseNo = FerryCases.caseNo("hostile");
            byte[] inner = SafeZip.write(List.of(new SafeZip.Named("inner.ndjson",
                    (FerryCases.line(caseNo, FerryCases.REGION, 1) + "\n").getBytes(StandardCharsets.UTF_8))));
            String submission = UUID.randomUUID().toString();
            Signed s = signed(lane, 1, List.of(ManifestEntry.caseBatch(submission, inner.length, Sm3.hex(Sm3.digest(inner)), 1,
                    "ext-platform", "3303", now())), List.of(RawEntry.of(submission + ".ndjson", inner)));
            return s.write(entries(s, e -> e), List.of(caseNo));
        }));
        all.add(new Hostile("nested zip as an undeclared entry", Rejection.UNDECLARED_ENTRY, lane -> {
            Signed s = signed(lane, 1, 1);
            List<RawEntry> raw = entries(s, e -> e);
            raw.add(RawEntry.of("inner.zip", SafeZip.write(List.of(new SafeZip.Named("x.ndjson", s.payload.get(0).bytes())))));
            return s.write(raw);
        }));
        all.add(new Hostile("manifest lists an entry the zip does not hold", Rejection.MISSING_ENTRY, lane -> {
            Signed s = signed(lane, 1, 2);
            return s.write(entries(s, e -> e.name().equals(s.payload.get(1).name()) ? null : e));
        }));
        all.add(new Hostile("zip holds an entry the manifest does not list", Rejection.UNDECLARED_ENTRY,
                lane -> extra(lane, "smuggled.ndjson")));
        all.add(new Hostile("valid bundle from the future (sequence 2 of a fresh lane)", null, lane -> {
            Signed s = signed(lane, 2, 1);
            return s.write(entries(s, e -> e));
        }));
        assertEquals(CASES, all.size(), "one lane per hostile bundle");
        return all;
    }

    private static final AtomicInteger NEXT_LANE = new AtomicInteger();

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileBundles")
    @Order(1)
    void aHostileBundleIsRefusedWithItsReasonAndNothingOfItIsIngested(String name) throws Exception {
        Hostile hostile = catalogue().stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow();
        String lane = LANES.get(NEXT_LANE.getAndIncrement());
        Made made = hostile.make().apply(lane);
        String fileName = made.file().getFileName().toString();
        TRIED.incrementAndGet();
        Files.move(made.file(), gap.resolve(fileName), StandardCopyOption.ATOMIC_MOVE);
        if (hostile.reason() == null) {
            await().atMost(WAIT).until(() -> count("select count(*) from ferry_held where lane = ?", lane) == 1);
            assertTrue(Files.exists(work.resolve("held").resolve(fileName)));
            HELD.incrementAndGet();
        } else {
            Path reasonFile = work.resolve("quarantine").resolve(fileName + ".reason.txt");
            await().atMost(WAIT).until(() -> Files.exists(reasonFile));
            String reason = Files.readString(reasonFile);
            assertTrue(reason.contains("reason: " + hostile.reason().code()), reason);
            assertTrue(Files.exists(work.resolve("quarantine").resolve(fileName)));
            await().atMost(WAIT).until(() -> count("select count(*) from ferry_alert where file_name = ? and reason = ?",
                    fileName, hostile.reason().code()) >= 1);
            QUARANTINED.incrementAndGet();
        }
        assertEquals(0, count("select count(*) from ferry_bundle_in where lane = ?", lane), "no bundle of the lane ingested");
        assertEquals(0, count("select last_sequence from ferry_lane where lane = ? and direction = 'in'", lane));
        for (String caseNo : made.caseNos()) {
            assertEquals(0, count("select count(*) from case_version where case_no = ?", caseNo), caseNo + " not stored");
        }
    }

    @Test
    @Order(2)
    void theNodeStillIngestsAValidBundleAfterTheHostileOnesAndNoneOfThemWasIngested() throws Exception {
        String lane = LANES.get(CASES);
        Signed s = signed(lane, 1, 2, "valid");
        Made made = s.write(entries(s, e -> e));
        String fileName = made.file().getFileName().toString();
        Files.move(made.file(), gap.resolve(fileName), StandardCopyOption.ATOMIC_MOVE);
        await().atMost(WAIT).until(() -> Files.exists(work.resolve("done").resolve(fileName)));
        for (String caseNo : made.caseNos()) {
            assertEquals(1, count("select count(*) from case_version where case_no = ?", caseNo));
        }
        List<String> hostileLanes = LANES.subList(0, CASES);
        String in = hostileLanes.stream().map(l -> "'" + l + "'").collect(Collectors.joining(","));
        ingestedBundles = count("select count(*) from ferry_bundle_in where lane in (" + in + ")");
        ingestedCases = count("select count(*) from case_version where case_no like 'FERRY-hostile-%'");
        assertEquals(0, ingestedBundles);
        assertEquals(0, ingestedCases);
        assertEquals(TRIED.get(), QUARANTINED.get() + HELD.get(), "every hostile bundle quarantined or held");
    }

    @AfterAll
    static void printTheFigure() {
        System.out.printf("== hostile bundles: tried %d, quarantined %d, held %d, ingested bundles %d, ingested cases %d%n",
                TRIED.get(), QUARANTINED.get(), HELD.get(), ingestedBundles, ingestedCases);
    }

    // ---- making bundles ----

    /** An entry of a raw zip: its bytes, then optionally {@code zeros} zero bytes streamed (for bombs). */
    record RawEntry(String name, byte[] bytes, long zeros) {
        static RawEntry of(String name, byte[] bytes) {
            return new RawEntry(name, bytes, 0);
        }

        static RawEntry zeros(String name, long zeros) {
            return new RawEntry(name, new byte[0], zeros);
        }
    }

    /** A correctly signed manifest and its payload, to be written into a container as is or with something wrong. */
    static final class Signed {
        final String lane;
        final long sequence;
        final byte[] manifest;
        final byte[] signature;
        final List<RawEntry> payload;
        final List<String> caseNos;

        Signed(String lane, long sequence, byte[] manifest, byte[] signature, List<RawEntry> payload, List<String> caseNos) {
            this.lane = lane;
            this.sequence = sequence;
            this.manifest = manifest;
            this.signature = signature;
            this.payload = payload;
            this.caseNos = caseNos;
        }

        RawEntry manifestEntry() {
            return RawEntry.of(BundleManifest.FILE, manifest);
        }

        RawEntry signatureEntry() {
            return RawEntry.of(BundleManifest.SIGNATURE_FILE, signature);
        }

        Made write(List<RawEntry> entries) {
            return write(entries, caseNos);
        }

        Made write(List<RawEntry> entries, List<String> cases) {
            try {
                Path dir = Files.createTempDirectory("hostile");
                Path file = dir.resolve(new BundleName(Lane.parse(lane), sequence).fileName());
                writeZip(file, entries);
                return new Made(file, cases);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** A bundle of {@code batches} one-record case batches, signed by the trusted peer, chained from genesis. */
    static Signed signed(String lane, long sequence, int batches) {
        return signed(lane, sequence, batches, "hostile");
    }

    static Signed signed(String lane, long sequence, int batches, String tag) {
        List<ManifestEntry> entries = new ArrayList<>();
        List<RawEntry> payload = new ArrayList<>();
        List<String> caseNos = new ArrayList<>();
        for (int i = 0; i < batches; i++) {
            String caseNo = FerryCases.caseNo(tag);
            caseNos.add(caseNo);
            byte[] bytes = (FerryCases.line(caseNo, FerryCases.REGION, 1) + "\n").getBytes(StandardCharsets.UTF_8);
            String submission = UUID.randomUUID().toString();
            entries.add(ManifestEntry.caseBatch(submission, bytes.length, Sm3.hex(Sm3.digest(bytes)), 1, "ext-platform", "3303", now()));
            payload.add(RawEntry.of(submission + ".ndjson", bytes));
        }
        Signed s = signed(lane, sequence, entries, payload);
        return new Signed(lane, sequence, s.manifest, s.signature, payload, caseNos);
    }

    static Signed signed(String lane, long sequence, List<ManifestEntry> entries, List<RawEntry> payload) {
        BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT, UUID.randomUUID().toString(), lane, sequence,
                "ext-hostile", org.govhub.common.HubConfig.Zone.internal, now(), OUTSIDE.certificateSm3(),
                BundleManifest.GENESIS, List.copyOf(entries));
        byte[] bytes = manifest.bytes();
        return new Signed(lane, sequence, bytes, OUTSIDE.sign(bytes), payload, List.of());
    }

    /** Manifest, signature and payload in order, each passed through {@code change} (null drops it). */
    static List<RawEntry> entries(Signed s, Function<RawEntry, RawEntry> change) {
        List<RawEntry> all = new ArrayList<>();
        all.add(s.manifestEntry());
        all.add(s.signatureEntry());
        all.addAll(s.payload);
        List<RawEntry> out = new ArrayList<>();
        for (RawEntry e : all) {
            RawEntry changed = change.apply(e);
            if (changed != null) {
                out.add(changed);
            }
        }
        return out;
    }

    /** A correct one-batch bundle with one more entry of the given name. */
    static Made extra(String lane, String name) {
        Signed s = signed(lane, 1, 1);
        List<RawEntry> raw = entries(s, e -> e);
        raw.add(RawEntry.of(name, "root:x:0:0:root:/root:/bin/sh\n".getBytes(StandardCharsets.UTF_8)));
        return s.write(raw);
    }

    /**
     * Writes a zip with exactly these names, in order. {@link ZipOutputStream} refuses a name twice, so a
     * repeated name is written under a same-length stand-in and patched in the raw bytes afterwards.
     */
    static void writeZip(Path file, List<RawEntry> entries) throws IOException {
        List<String> seen = new ArrayList<>();
        List<String[]> patches = new ArrayList<>();
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file)); ZipOutputStream zip = new ZipOutputStream(os)) {
            for (RawEntry e : entries) {
                // A GiB of zeros deflates to 4.5 MB at the fastest level in a quarter of the default level's time.
                zip.setLevel(e.zeros() > 0 ? Deflater.BEST_SPEED : Deflater.DEFAULT_COMPRESSION);
                String name = e.name();
                if (seen.contains(name)) {
                    String standIn = "~" + name.substring(1);
                    patches.add(new String[] {standIn, name});
                    name = standIn;
                }
                seen.add(name);
                ZipEntry entry = new ZipEntry(name);
                entry.setTime(315_532_800_000L);
                zip.putNextEntry(entry);
                zip.write(e.bytes());
                byte[] chunk = new byte[1 << 20];
                for (long left = e.zeros(); left > 0; left -= chunk.length) {
                    zip.write(chunk, 0, (int) Math.min(chunk.length, left));
                }
                zip.closeEntry();
            }
        }
        if (!patches.isEmpty()) {
            byte[] raw = Files.readAllBytes(file);
            for (String[] patch : patches) {
                byte[] from = patch[0].getBytes(StandardCharsets.UTF_8);
                byte[] to = patch[1].getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i + from.length <= raw.length; i++) {
                    if (Arrays.equals(raw, i, i + from.length, from, 0, from.length)) {
                        System.arraycopy(to, 0, raw, i, to.length);
                    }
                }
            }
            Files.write(file, raw);
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private long count(String sql, Object... params) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }
}
