package org.govhub.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

class Sm3Test {

    @Test
    void digestOfAbcIsTheGbT32905KnownAnswer() {
        byte[] digest = Sm3.digest("abc".getBytes(StandardCharsets.US_ASCII));

        assertEquals("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0", Sm3.hex(digest));
    }

    @Test
    void digestOfSixtyFourByteMessageIsTheGbT32905SecondKnownAnswer() {
        byte[] message = "abcd".repeat(16).getBytes(StandardCharsets.US_ASCII);

        assertEquals("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732", Sm3.hex(Sm3.digest(message)));
    }

    @Test
    void streamingDigestEqualsOneShotDigestOnMultiMegabyteInput() throws IOException {
        byte[] data = new byte[5 * 1024 * 1024 + 123];
        new Random(42).nextBytes(data);

        byte[] oneShot = Sm3.digest(data);
        byte[] streamed = Sm3.digest(new ByteArrayInputStream(data));

        assertArrayEquals(oneShot, streamed);
    }

    @Test
    void incrementalHasherFedInUnevenPiecesEqualsOneShotDigest() {
        byte[] data = new byte[3 * 1024 * 1024 + 7];
        new Random(7).nextBytes(data);

        Sm3.Hasher hasher = Sm3.hasher();
        int offset = 0;
        int piece = 1;
        while (offset < data.length) {
            int length = Math.min(piece, data.length - offset);
            hasher.update(data, offset, length);
            offset += length;
            piece = piece * 3 + 1;
        }

        assertArrayEquals(Sm3.digest(data), hasher.finish());
    }

    @Test
    void finishedHasherRejectsFurtherUse() {
        Sm3.Hasher hasher = Sm3.hasher().update(new byte[] {1, 2, 3});
        hasher.finish();

        assertThrows(IllegalStateException.class, () -> hasher.update(new byte[] {4}));
        assertThrows(IllegalStateException.class, hasher::finish);
    }
}
