package org.govhub.ferry;

import java.util.ArrayList;
import java.util.List;

/** Assembles a bundle file: {@code manifest.json}, {@code manifest.sig}, then the payload entries in manifest order. */
public final class BundleWriter {
    private BundleWriter() {
    }

    public static byte[] write(byte[] manifestBytes, byte[] signature, List<SafeZip.Named> payload) {
        List<SafeZip.Named> content = new ArrayList<>(payload.size() + 2);
        content.add(new SafeZip.Named(BundleManifest.FILE, manifestBytes));
        content.add(new SafeZip.Named(BundleManifest.SIGNATURE_FILE, signature));
        content.addAll(payload);
        return SafeZip.write(content);
    }
}
