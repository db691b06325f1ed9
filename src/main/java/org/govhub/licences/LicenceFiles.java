package org.govhub.licences;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.govhub.common.HubConfig;
import org.govhub.common.storage.ListedObject;
import org.govhub.common.storage.ObjectStore;
import org.govhub.common.storage.StorageException;
import org.govhub.common.storage.StoredObject;
import org.govhub.signing.Sm3;
import org.jboss.logging.Logger;

/**
 * The licence bucket: where a licence's file goes and how it comes back. Keys are
 * {@code licences/<licence id>/<upload id>}: derived from the licence id, plus a random upload id so
 * that a failed or duplicate issue can only ever remove its own object, never a stored licence's.
 */
@ApplicationScoped
public class LicenceFiles {
    static final String PREFIX = "licences/";
    private static final Logger LOG = Logger.getLogger(LicenceFiles.class);

    private final ObjectStore store;
    private final String bucket;

    public LicenceFiles(ObjectStore store, HubConfig config) {
        this.store = store;
        this.bucket = config.storage().licenceBucket();
    }

    /** The object a licence's file is stored as, with the SM3 and size measured while it streamed. */
    public record StoredFile(String key, long size, String sm3, LicenceFileType type) {
    }

    /**
     * Streams the file into the bucket, hashing it with SM3 on the way: it is read once and never held
     * in memory. On failure nothing is left behind (a partly written object is removed).
     */
    public StoredFile store(LicenceId id, Path source, LicenceFileType type) {
        String key = PREFIX + id + "/" + UUID.randomUUID();
        try {
            long size = Files.size(source);
            Sm3.Hasher hasher = Sm3.hasher();
            StoredObject stored;
            long streamed;
            try (HashingInputStream in = new HashingInputStream(Files.newInputStream(source), hasher)) {
                stored = store.put(bucket, key, in, size, type.contentType());
                streamed = in.count;
            }
            if (streamed != size || stored.size() != size) {
                throw new StorageException("stored " + stored.size() + " bytes of " + size + " (streamed " + streamed
                        + ") for " + key, null);
            }
            return new StoredFile(key, size, Sm3.hex(hasher.finish()), type);
        } catch (IOException e) {
            removeQuietly(key);
            throw new UncheckedIOException("cannot read the uploaded file", e);
        } catch (RuntimeException e) {
            removeQuietly(key);
            throw e;
        }
    }

    /** The bytes [offset, offset + length) of a stored file, streamed from S3; the caller closes it. */
    public InputStream open(String key, long offset, long length) {
        return store.getRange(bucket, key, offset, length);
    }

    /** Like {@link #open}, but returns before S3 answers: the first read waits for the answer. */
    public InputStream start(String key, long offset, long length) {
        return store.startRange(bucket, key, offset, length);
    }

    /**
     * Best effort, for compensation and after a failed upload (when there is usually nothing to remove):
     * if an object is left behind, the reconciler reports it as an orphan.
     */
    public void removeQuietly(String key) {
        try {
            store.remove(bucket, key);
        } catch (RuntimeException e) {
            LOG.warnf("could not make sure %s/%s is gone (%s); if it is left, the reconciler reports it as an orphan",
                    bucket, key, e.getMessage());
        }
    }

    public List<ListedObject> listAll() {
        return store.list(bucket, PREFIX);
    }

    /** Counts the bytes read and feeds them to SM3. */
    private static final class HashingInputStream extends FilterInputStream {
        private final Sm3.Hasher hasher;
        private long count;

        HashingInputStream(InputStream in, Sm3.Hasher hasher) {
            super(in);
            this.hasher = hasher;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                hasher.update(new byte[] {(byte) b});
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                hasher.update(buffer, offset, n);
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) {
            throw new UnsupportedOperationException("skipping would leave bytes out of the digest");
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
