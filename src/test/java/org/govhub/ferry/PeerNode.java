package org.govhub.ferry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.govhub.common.HubConfig;
import org.govhub.signing.Pem;
import org.govhub.signing.SigningKey;
import org.govhub.signing.Sm2Signatures;
import org.govhub.signing.Sm3;
import org.govhub.signing.TestSigners;

/**
 * A test stand-in for the node across the gap: its own SM2 key and certificate, and a lane head, so it
 * can write real bundle files (and return messages) with the production format classes, correctly or
 * with one thing wrong.
 */
public final class PeerNode {
    private final String nodeId;
    private final SigningKey key;
    private final String certificateSm3;
    private final Map<String, String> laneHeads = new LinkedHashMap<>();

    public PeerNode(String nodeId) {
        this.nodeId = nodeId;
        this.key = TestSigners.create(nodeId);
        this.certificateSm3 = TrustedKey.of(key.certificate()).certificateSm3();
    }

    public TrustedKey trustedKey() {
        return TrustedKey.of(key.certificate());
    }

    public String certificatePem() {
        return Pem.certificate(key.certificate());
    }

    public String certificateSm3() {
        return certificateSm3;
    }

    public Path writeCertificate(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.writeString(file, certificatePem());
    }

    public byte[] sign(byte[] data) {
        return Sm2Signatures.sign(key.privateKey(), data);
    }

    /** A case-batch submission: NDJSON lines, one per record. */
    public record Batch(String submissionId, String clientId, String regionPrefix, List<String> lines) {
        public static Batch of(String clientId, String regionPrefix, List<String> lines) {
            return new Batch(UUID.randomUUID().toString(), clientId, regionPrefix, lines);
        }

        byte[] bytes() {
            return (String.join("\n", lines) + (lines.isEmpty() ? "" : "\n")).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** A bundle being made: manifest fields and entries, each changeable before {@link #build()}. */
    public final class Draft {
        public String lane;
        public long sequence;
        public HubConfig.Zone targetZone = HubConfig.Zone.internal;
        public String previousManifestSm3;
        public String signerCertificateSm3 = certificateSm3;
        public final List<ManifestEntry> entries = new ArrayList<>();
        public final List<SafeZip.Named> payload = new ArrayList<>();
        public UnaryOperator<byte[]> manifestAfterSigning = UnaryOperator.identity();
        public UnaryOperator<List<SafeZip.Named>> contentAfterSigning = UnaryOperator.identity();
        public PeerNode signer = PeerNode.this;

        Draft(String lane, long sequence, String previous) {
            this.lane = lane;
            this.sequence = sequence;
            this.previousManifestSm3 = previous;
        }

        public Draft add(Batch batch) {
            byte[] bytes = batch.bytes();
            entries.add(ManifestEntry.caseBatch(batch.submissionId(), bytes.length, Sm3.hex(Sm3.digest(bytes)),
                    batch.lines().size(), batch.clientId(), batch.regionPrefix(),
                    Instant.now().truncatedTo(ChronoUnit.MILLIS)));
            payload.add(new SafeZip.Named(batch.submissionId() + ".ndjson", bytes));
            return this;
        }

        public BundleManifest manifest() {
            return new BundleManifest(BundleManifest.FORMAT, UUID.randomUUID().toString(), lane, sequence, nodeId,
                    targetZone, Instant.now().truncatedTo(ChronoUnit.MILLIS), signerCertificateSm3, previousManifestSm3,
                    List.copyOf(entries));
        }

        /** The file bytes, and the lane head moves on to this manifest. */
        public Built build() {
            BundleManifest manifest = manifest();
            byte[] manifestBytes = manifest.bytes();
            byte[] signature = signer.sign(manifestBytes);
            List<SafeZip.Named> content = new ArrayList<>();
            content.add(new SafeZip.Named(BundleManifest.FILE, manifestAfterSigning.apply(manifestBytes)));
            content.add(new SafeZip.Named(BundleManifest.SIGNATURE_FILE, signature));
            content.addAll(payload);
            laneHeads.put(lane, BundleManifest.digest(manifestBytes));
            return new Built(new BundleName(Lane.parse(lane), sequence).fileName(),
                    SafeZip.write(contentAfterSigning.apply(content)), manifest, BundleManifest.digest(manifestBytes));
        }
    }

    public record Built(String fileName, byte[] bytes, BundleManifest manifest, String manifestSm3) {
        /** Written under a hidden temporary name and renamed, as a sender does. */
        public Path writeInto(Path folder) throws IOException {
            return writeAs(folder, fileName);
        }

        public Path writeAs(Path folder, String name) throws IOException {
            Files.createDirectories(folder);
            Path temp = folder.resolve(".part-" + name);
            Files.write(temp, bytes);
            return Files.move(temp, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** The manifest SM3 this peer's next bundle of a lane links to. */
    public String head(String lane) {
        return laneHeads.getOrDefault(lane, BundleManifest.GENESIS);
    }

    /** Moves a lane head back, e.g. after building a bundle meant to be refused. */
    public void resetHead(String lane, String manifestSm3) {
        laneHeads.put(lane, manifestSm3);
    }

    /** The next bundle of a lane, linked to the last one this peer built. */
    public Draft next(String lane, long sequence) {
        return new Draft(lane, sequence, laneHeads.getOrDefault(lane, BundleManifest.GENESIS));
    }

    /** A signed return message (receipt or resend request), as the internal node writes it. */
    public byte[] returnMessage(ReturnMessage message) {
        byte[] bytes = message.bytes();
        return ReturnMessage.container(bytes, sign(bytes));
    }

    public ReturnMessage receipt(Receipt receipt) {
        return new ReturnMessage(ReturnMessage.FORMAT, ReturnMessage.Kind.receipt, UUID.randomUUID().toString(), nodeId,
                Instant.now(), certificateSm3, receipt, null);
    }

    public ReturnMessage resend(ResendRequest request) {
        return new ReturnMessage(ReturnMessage.FORMAT, ReturnMessage.Kind.resend, UUID.randomUUID().toString(), nodeId,
                Instant.now(), certificateSm3, null, request);
    }
}
