package org.govhub.ferry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The container of bundles and return messages: a zip file, written deterministically and read
 * defensively. Reading never extracts to disk; names are checked before any entry is opened, the
 * number of entries is capped, and every read is bounded, so neither path traversal nor a zip bomb
 * gets further than a {@link BundleRejectedException}.
 */
public final class SafeZip implements AutoCloseable {
    /** Fixed entry time, so the same content gives the same container bytes. */
    private static final long ENTRY_TIME = 315_532_800_000L; // 1980-01-01T00:00:00Z, the earliest DOS time

    private final ZipFile zip;
    private final Map<String, ZipEntry> entries;

    private SafeZip(ZipFile zip, Map<String, ZipEntry> entries) {
        this.zip = zip;
        this.entries = entries;
    }

    /**
     * Writes the entries in the given order, deflated at the fastest level, and returns the container bytes.
     * On 1,000 case records the fastest level deflated 657 MB/s to 4.5 % of the size, the default 301 MB/s to
     * 3.0 %: the external node packs every record it accepts, so its CPU is the scarcer resource.
     */
    public static byte[] write(List<Named> content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.setLevel(Deflater.BEST_SPEED);
            for (Named named : content) {
                ZipEntry entry = new ZipEntry(named.name());
                entry.setTime(ENTRY_TIME);
                out.putNextEntry(entry);
                out.write(named.bytes());
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing a zip in memory failed", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Opens a container, checking every entry name and the entry count from the central directory.
     * A truncated or corrupt file has no readable central directory and is {@link Rejection#UNREADABLE}.
     */
    public static SafeZip open(Path file, int maxEntries) throws BundleRejectedException {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw Rejection.UNREADABLE.because("not a complete zip file (truncated or corrupt): " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
        try {
            if (zip.size() > maxEntries) {
                throw Rejection.TOO_MANY_ENTRIES.because(zip.size() + " entries, at most " + maxEntries + " allowed");
            }
            Map<String, ZipEntry> entries = new LinkedHashMap<>();
            Set<String> seen = new HashSet<>();
            var all = zip.entries();
            int count = 0;
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                if (++count > maxEntries) {
                    throw Rejection.TOO_MANY_ENTRIES.because("more than " + maxEntries + " entries");
                }
                String name = entry.getName();
                if (entry.isDirectory() || !EntryNames.isSafe(name)) {
                    throw Rejection.UNSAFE_ENTRY_NAME.because("entry name " + printable(name)
                            + " is not a plain file name (no folders, '..', leading dot or special characters)");
                }
                if (!seen.add(name)) {
                    throw Rejection.DUPLICATE_ENTRY.because("entry " + name + " appears twice");
                }
                entries.put(name, entry);
            }
            return new SafeZip(zip, entries);
        } catch (BundleRejectedException | RuntimeException e) {
            closeQuietly(zip);
            throw e;
        }
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(entries.keySet());
    }

    public boolean has(String name) {
        return entries.containsKey(name);
    }

    /** The size the central directory claims, or -1 when it does not say. */
    public long declaredSize(String name) {
        return entries.get(name).getSize();
    }

    /** Reads a whole entry, refusing more than {@code limit} bytes (whatever the directory claims). */
    public byte[] read(String name, long limit, Rejection whenTooLarge) throws BundleRejectedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        stream(name, limit, whenTooLarge, (buffer, n) -> out.write(buffer, 0, n));
        return out.toByteArray();
    }

    /** Feeds an entry to {@code sink} in chunks; stops with {@code whenTooLarge} as soon as it exceeds {@code limit}. */
    public long stream(String name, long limit, Rejection whenTooLarge, Sink sink) throws BundleRejectedException {
        ZipEntry entry = entries.get(name);
        if (entry == null) {
            throw Rejection.MISSING_ENTRY.because("entry " + name + " is missing");
        }
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = zip.getInputStream(entry)) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                total += n;
                if (total > limit) {
                    throw whenTooLarge.because("entry " + name + " holds more than " + limit + " bytes");
                }
                sink.accept(buffer, n);
            }
        } catch (ZipException | java.io.EOFException e) {
            throw Rejection.UNREADABLE.because("entry " + name + " cannot be read: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("reading entry " + name + " failed", e);
        }
        return total;
    }

    @Override
    public void close() {
        closeQuietly(zip);
    }

    private static void closeQuietly(ZipFile zip) {
        try {
            zip.close();
        } catch (IOException ignored) {
            // nothing was written; closing a read-only zip cannot lose data
        }
    }

    /** A name for a rejection detail: quoted, control characters escaped as in every detail, cut at 200 characters. */
    static String printable(String name) {
        if (name == null) {
            return "(none)";
        }
        String shown = BundleRejectedException.printable(name);
        return "\"" + (shown.length() > 200 ? shown.substring(0, 200) + "…" : shown) + "\"";
    }

    public static long fileSize(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An entry to write. */
    public record Named(String name, byte[] bytes) {
    }

    @FunctionalInterface
    public interface Sink {
        void accept(byte[] buffer, int length) throws BundleRejectedException;
    }

    static List<Named> list(Named... named) {
        return new ArrayList<>(List.of(named));
    }
}
