package org.govhub.ferry;

import org.govhub.common.HubConfig;

/** What a receiver is prepared to read from one bundle. */
public record BundleLimits(long maxBundleBytes, long maxEntryBytes, int maxEntries, int maxManifestBytes) {
    public static final int DEFAULT_MAX_MANIFEST_BYTES = 8 * 1024 * 1024;
    public static final int MAX_SIGNATURE_BYTES = 1024;

    public static BundleLimits of(HubConfig.Ferry ferry) {
        return new BundleLimits(ferry.maxBundleBytes(), ferry.maxEntryBytes(), ferry.maxEntries(),
                DEFAULT_MAX_MANIFEST_BYTES);
    }
}
