package org.govhub.ferry;

import java.util.regex.Pattern;

/**
 * Entry names inside bundles and return messages are flat and plain: no folders, no {@code ..},
 * no leading dot, no backslash or control characters, at most 128 ASCII characters. Anything else
 * (e.g. {@code ../../etc/passwd}) is refused before a byte of the entry is read.
 */
public final class EntryNames {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private EntryNames() {
    }

    public static boolean isSafe(String name) {
        return name != null && SAFE.matcher(name).matches() && !name.contains("..");
    }

    /** The container's own files, which a manifest may not declare as payload. */
    public static boolean isReserved(String name) {
        return BundleManifest.FILE.equals(name) || BundleManifest.SIGNATURE_FILE.equals(name);
    }
}
