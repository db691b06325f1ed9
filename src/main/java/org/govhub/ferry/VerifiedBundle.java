package org.govhub.ferry;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Map;
import org.govhub.signing.Sm3;

/**
 * A bundle file that passed every check that does not depend on lane state: name, container,
 * signature, manifest, and each entry's size and SM3. A bundle of up to
 * {@link BundleVerifier#KEEP_CHECKED_BYTES} keeps the entry bytes that were checked; a larger one reads
 * its entries again on demand (and checks their digest again), so it is never held in memory as a whole.
 */
public record VerifiedBundle(Path file, BundleName name, BundleManifest manifest, byte[] manifestBytes,
        String manifestSm3, BundleLimits limits, Map<String, byte[]> checkedEntries) {

    public VerifiedBundle {
        manifestBytes = manifestBytes.clone();
        checkedEntries = Map.copyOf(checkedEntries);
    }

    @Override
    public byte[] manifestBytes() {
        return manifestBytes.clone();
    }

    /** The bytes of one declared entry: those checked during verification, or read again and re-checked. */
    public byte[] entry(ManifestEntry declared) throws BundleRejectedException {
        byte[] checked = checkedEntries.get(declared.name());
        if (checked != null) {
            return checked.clone();
        }
        try (SafeZip zip = SafeZip.open(file, limits.maxEntries() + 2)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(declared.size(), Integer.MAX_VALUE - 8));
            zip.stream(declared.name(), declared.size(), Rejection.ENTRY_SIZE_MISMATCH, (b, n) -> out.write(b, 0, n));
            byte[] bytes = out.toByteArray();
            if (bytes.length != declared.size() || !Sm3.hex(Sm3.digest(bytes)).equals(declared.sm3())) {
                throw Rejection.ENTRY_DIGEST_MISMATCH.because("entry " + declared.name() + " changed after verification");
            }
            return bytes;
        }
    }
}
