package org.govhub.signing;

import java.io.IOException;
import java.io.InputStream;

import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.util.encoders.Hex;

/** SM3 hashing (GB/T 32905), one-shot, streaming and incremental. */
public final class Sm3 {

    public static final int DIGEST_LENGTH = 32;

    private static final int BUFFER_SIZE = 64 * 1024;

    private Sm3() {
    }

    public static byte[] digest(byte[] data) {
        return hasher().update(data, 0, data.length).finish();
    }

    /** Reads {@code in} to its end in fixed-size chunks; does not close it. */
    public static byte[] digest(InputStream in) throws IOException {
        Hasher hasher = hasher();
        byte[] buffer = new byte[BUFFER_SIZE];
        int n;
        while ((n = in.read(buffer)) != -1) {
            hasher.update(buffer, 0, n);
        }
        return hasher.finish();
    }

    /** Lower-case hex, as used in file manifests and logs. */
    public static String hex(byte[] bytes) {
        return Hex.toHexString(bytes);
    }

    public static Hasher hasher() {
        return new Hasher();
    }

    /** Incremental SM3 for data that arrives in pieces (e.g. a streaming upload). Not thread-safe. */
    public static final class Hasher {

        private final SM3Digest digest = new SM3Digest();
        private boolean finished;

        private Hasher() {
        }

        public Hasher update(byte[] data, int offset, int length) {
            if (finished) {
                throw new IllegalStateException("SM3 hasher already finished");
            }
            digest.update(data, offset, length);
            return this;
        }

        public Hasher update(byte[] data) {
            return update(data, 0, data.length);
        }

        /** Returns the 32-byte digest; the hasher cannot be used afterwards. */
        public byte[] finish() {
            if (finished) {
                throw new IllegalStateException("SM3 hasher already finished");
            }
            finished = true;
            byte[] out = new byte[DIGEST_LENGTH];
            digest.doFinal(out, 0);
            return out;
        }
    }
}
