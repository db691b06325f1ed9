package org.govhub.ferry;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import org.govhub.signing.Sm3;

/**
 * A bundle file that passed every check that does not depend on lane state: name, container,
 * signature, manifest, and each entry's size and SM3. Entries are read again on demand (and their
 * digest checked again), so a large bundle is never held in memory as a whole.
 */
public record VerifiedBundle(Path file, BundleName name, BundleManifest manifest, byte[] manifestBytes,
        String manifestSm3, BundleLimits limits) {

    public VerifiedBundle {
        manifestBytes = manifestBytes.clone();
    }

    @Override
    public byte[] manifestBytes() {
        return manifestBytes.clone();
    }

    /** The bytes of one declared entry, re-checked against the manifest. */
    public byte[] entry(ManifestEntry declared) throws BundleRejectedException {
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
