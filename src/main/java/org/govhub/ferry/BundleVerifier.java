package org.govhub.ferry;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.govhub.common.HubConfig;
import org.govhub.signing.Sm2Signatures;
import org.govhub.signing.Sm3;

/**
 * Checks a bundle file on its own, in an order that reads as little untrusted data as possible:
 * file name and size; container and entry names; the signature over {@code manifest.json} with the
 * trusted peer key (before the manifest is interpreted); the manifest; then each payload entry,
 * streamed and capped at its declared size, against its declared size and SM3. Sequence and hash
 * chain depend on the receiver's lane state and are decided by {@link LaneChain}. Plain Java: no
 * Camel, no CDI.
 */
public final class BundleVerifier {
    /** Entries declaring at most this many bytes in all are kept in memory once checked (bundles seal at 16 MiB). */
    static final long KEEP_CHECKED_BYTES = 32L * 1024 * 1024;

    private final TrustedKey trusted;
    private final BundleLimits limits;
    private final HubConfig.Zone receivingZone;

    public BundleVerifier(TrustedKey trusted, BundleLimits limits, HubConfig.Zone receivingZone) {
        this.trusted = trusted;
        this.limits = limits;
        this.receivingZone = receivingZone;
    }

    public VerifiedBundle verify(Path file) throws BundleRejectedException {
        String fileName = file.getFileName().toString();
        BundleName name = BundleName.parse(fileName).orElseThrow(() -> Rejection.BAD_FILE_NAME.because(
                "file name " + SafeZip.printable(fileName) + " is not <lane>-<12-digit sequence>.zip"));
        long size = SafeZip.fileSize(file);
        if (size > limits.maxBundleBytes()) {
            throw Rejection.BUNDLE_TOO_LARGE.because("file has " + size + " bytes, at most " + limits.maxBundleBytes()
                    + " allowed");
        }
        try (SafeZip zip = SafeZip.open(file, limits.maxEntries() + 2)) {
            if (!zip.has(BundleManifest.FILE)) {
                throw Rejection.MISSING_MANIFEST.because("the bundle has no " + BundleManifest.FILE);
            }
            if (!zip.has(BundleManifest.SIGNATURE_FILE)) {
                throw Rejection.MISSING_SIGNATURE.because("the bundle has no " + BundleManifest.SIGNATURE_FILE);
            }
            byte[] manifestBytes = zip.read(BundleManifest.FILE, limits.maxManifestBytes(), Rejection.BAD_MANIFEST);
            byte[] signature = zip.read(BundleManifest.SIGNATURE_FILE, BundleLimits.MAX_SIGNATURE_BYTES,
                    Rejection.BAD_SIGNATURE);
            checkSignature(manifestBytes, signature, trusted, BundleManifest.FILE);

            BundleManifest manifest = BundleManifest.parse(manifestBytes);
            if (!manifest.lane().equals(name.lane().name()) || manifest.sequence() != name.sequence()) {
                throw Rejection.NAME_MISMATCH.because("file " + fileName + " holds the manifest of lane "
                        + manifest.lane() + " sequence " + manifest.sequence());
            }
            if (manifest.targetZone() != receivingZone) {
                throw Rejection.WRONG_TARGET_ZONE.because("bundle is addressed to the " + manifest.targetZone()
                        + " zone, this node is " + receivingZone);
            }
            Map<String, byte[]> kept = checkEntries(zip, manifest);
            return new VerifiedBundle(file, name, manifest, manifestBytes, BundleManifest.digest(manifestBytes), limits, kept);
        }
    }

    /**
     * Verifies a detached SM2 signature. When it fails, the declared signer (if readable) tells a
     * foreign signer ({@link Rejection#UNTRUSTED_SIGNER}) from altered bytes ({@link Rejection#BAD_SIGNATURE}).
     */
    static void checkSignature(byte[] signed, byte[] signature, TrustedKey trusted, String what)
            throws BundleRejectedException {
        if (Sm2Signatures.verify(trusted.key(), signed, signature)) {
            return;
        }
        String declared = BundleManifest.declaredSigner(signed);
        if (declared != null && !declared.equals(trusted.certificateSm3())) {
            throw Rejection.UNTRUSTED_SIGNER.because(what + " is signed by certificate " + declared
                    + ", not by the trusted peer certificate " + trusted.certificateSm3());
        }
        throw Rejection.BAD_SIGNATURE.because("the signature over " + what
                + " does not verify with the trusted peer certificate " + trusted.certificateSm3()
                + ": the signed bytes were altered or another key signed them");
    }

    /**
     * Checks every entry's size and SM3 and returns the checked bytes when the entries declare at most
     * {@link #KEEP_CHECKED_BYTES} in all (ingest then uses exactly the bytes that were hashed, without reading
     * and hashing them again); larger bundles are streamed and nothing is kept.
     */
    private Map<String, byte[]> checkEntries(SafeZip zip, BundleManifest manifest) throws BundleRejectedException {
        if (manifest.entries().size() > limits.maxEntries()) {
            throw Rejection.TOO_MANY_ENTRIES.because(manifest.entries().size() + " entries declared, at most "
                    + limits.maxEntries() + " allowed");
        }
        long declaredTotal = 0;
        for (ManifestEntry entry : manifest.entries()) {
            if (entry.size() > limits.maxEntryBytes()) {
                throw Rejection.ENTRY_TOO_LARGE.because("entry " + entry.name() + " declares " + entry.size()
                        + " bytes, at most " + limits.maxEntryBytes() + " allowed");
            }
            declaredTotal += entry.size();
        }
        if (declaredTotal > limits.maxBundleBytes()) {
            throw Rejection.BUNDLE_TOO_LARGE.because("entries declare " + declaredTotal + " bytes in all, at most "
                    + limits.maxBundleBytes() + " allowed");
        }
        boolean keep = declaredTotal <= KEEP_CHECKED_BYTES;
        Map<String, byte[]> kept = new HashMap<>();
        Set<String> declared = new HashSet<>();
        manifest.entries().forEach(e -> declared.add(e.name()));
        for (String present : zip.names()) {
            if (!EntryNames.isReserved(present) && !declared.contains(present)) {
                throw Rejection.UNDECLARED_ENTRY.because("entry " + present + " is not declared in the manifest");
            }
        }
        for (ManifestEntry entry : manifest.entries()) {
            if (!zip.has(entry.name())) {
                throw Rejection.MISSING_ENTRY.because("declared entry " + entry.name() + " is not in the bundle");
            }
            long claimed = zip.declaredSize(entry.name());
            if (claimed >= 0 && claimed != entry.size()) {
                throw Rejection.ENTRY_SIZE_MISMATCH.because("entry " + entry.name() + " is " + claimed
                        + " bytes in the zip directory, the manifest declares " + entry.size());
            }
            Sm3.Hasher hasher = Sm3.hasher();
            ByteArrayOutputStream copy = keep ? new ByteArrayOutputStream((int) entry.size()) : null;
            long actual = zip.stream(entry.name(), entry.size(), Rejection.ENTRY_SIZE_MISMATCH, (buffer, n) -> {
                hasher.update(buffer, 0, n);
                if (copy != null) {
                    copy.write(buffer, 0, n);
                }
            });
            if (actual != entry.size()) {
                throw Rejection.ENTRY_SIZE_MISMATCH.because("entry " + entry.name() + " holds " + actual
                        + " bytes, the manifest declares " + entry.size());
            }
            String sm3 = Sm3.hex(hasher.finish());
            if (!sm3.equals(entry.sm3())) {
                throw Rejection.ENTRY_DIGEST_MISMATCH.because("entry " + entry.name() + " has SM3 " + sm3
                        + ", the manifest declares " + entry.sm3());
            }
            if (copy != null) {
                kept.put(entry.name(), copy.toByteArray());
            }
        }
        return kept;
    }
}
