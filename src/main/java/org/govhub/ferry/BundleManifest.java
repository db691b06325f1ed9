package org.govhub.ferry;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.govhub.common.HubConfig;
import org.govhub.signing.CanonicalJson;
import org.govhub.signing.Sm3;

/**
 * {@code manifest.json}: what a bundle is and holds. Its exact bytes (canonical JSON) are signed
 * ({@code manifest.sig}) and its SM3 becomes the next bundle's {@code previousManifestSm3}, which
 * chains the bundles of a lane.
 */
public record BundleManifest(String format, String bundleId, String lane, long sequence, String sourceNode,
        HubConfig.Zone targetZone, Instant createdAt, String signerCertificateSm3, String previousManifestSm3,
        List<ManifestEntry> entries) {

    public static final String FORMAT = "govhub-ferry-bundle/1";
    public static final String FILE = "manifest.json";
    public static final String SIGNATURE_FILE = "manifest.sig";
    /** The chain's start: the previous digest of a lane's first bundle. */
    public static final String GENESIS = "0".repeat(64);

    static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern UUID_SHAPE = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    public BundleName name() {
        return new BundleName(Lane.parse(lane), sequence);
    }

    /** The signed bytes. */
    public byte[] bytes() {
        return CanonicalJson.bytes(this);
    }

    public static String digest(byte[] manifestBytes) {
        return Sm3.hex(Sm3.digest(manifestBytes));
    }

    public long payloadBytes() {
        return entries.stream().mapToLong(ManifestEntry::size).sum();
    }

    public int recordCount() {
        return entries.stream().mapToInt(e -> e.records() == null ? 0 : e.records()).sum();
    }

    /** Parses and checks the shape of manifest bytes; every problem is a {@link Rejection#BAD_MANIFEST}. */
    public static BundleManifest parse(byte[] bytes) throws BundleRejectedException {
        BundleManifest m;
        try {
            m = STRICT.readValue(bytes, BundleManifest.class);
        } catch (IOException | RuntimeException e) {
            throw Rejection.BAD_MANIFEST.because("manifest.json is not a valid manifest: " + firstLine(e.getMessage()));
        }
        m.check();
        return m;
    }

    private void check() throws BundleRejectedException {
        require(FORMAT.equals(format), "format is " + format + ", expected " + FORMAT);
        require(bundleId != null && UUID_SHAPE.matcher(bundleId).matches(), "bundleId must be a lower-case UUID");
        require(Lane.isValid(lane), "lane " + lane + " is not a valid lane name");
        require(sequence >= 1 && sequence <= BundleName.MAX_SEQUENCE, "sequence " + sequence + " is out of range");
        require(sourceNode != null && !sourceNode.isBlank() && sourceNode.length() <= 100, "sourceNode is missing");
        require(targetZone != null, "targetZone is missing");
        require(createdAt != null, "createdAt is missing");
        require(signerCertificateSm3 != null && HEX64.matcher(signerCertificateSm3).matches(),
                "signerCertificateSm3 must be 64 lower-case hex digits");
        require(previousManifestSm3 != null && HEX64.matcher(previousManifestSm3).matches(),
                "previousManifestSm3 must be 64 lower-case hex digits");
        require(entries != null, "entries is missing");
        Set<String> names = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            ManifestEntry e = entries.get(i);
            String at = "entries[" + i + "]";
            require(e != null && e.kind() != null, at + " has no kind");
            require(EntryNames.isSafe(e.name()) && !EntryNames.isReserved(e.name()),
                    at + " name " + e.name() + " is not a plain entry name");
            require(names.add(e.name()), at + " name " + e.name() + " is declared twice");
            require(e.size() >= 0, at + " size is negative");
            require(e.sm3() != null && HEX64.matcher(e.sm3()).matches(), at + " sm3 must be 64 lower-case hex digits");
            if (e.kind() == EntryKind.CASE_BATCH) {
                require(e.records() != null && e.records() >= 0, at + " records is missing");
                require(e.submissionId() != null && UUID_SHAPE.matcher(e.submissionId()).matches(),
                        at + " submissionId must be a lower-case UUID");
                require(e.clientId() != null && !e.clientId().isBlank(), at + " clientId is missing");
                require(e.regionPrefix() != null && e.regionPrefix().matches("|[0-9]{2}|[0-9]{4}|[0-9]{6}"),
                        at + " regionPrefix is not 2, 4 or 6 digits");
            }
        }
    }

    private static void require(boolean condition, String problem) throws BundleRejectedException {
        if (!condition) {
            throw Rejection.BAD_MANIFEST.because(problem);
        }
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** Reads only the declared signer, to tell a foreign signer from a tampered manifest; null when unreadable. */
    static String declaredSigner(byte[] bytes) {
        try {
            var node = STRICT.readTree(bytes).get("signerCertificateSm3");
            return node == null || !node.isTextual() ? null : node.asText();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
