package org.govhub.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.govhub.common.storage.ObjectStore;
import org.govhub.common.storage.StoredObject;
import org.govhub.testing.HubTest;
import org.junit.jupiter.api.Test;

/** Put, stat, get and ranged get through the MinIO client against a real in-process S3 server. */
@QuarkusTest
@HubTest
class ObjectStorageTest {
    @Inject
    ObjectStore store;

    @Inject
    HubConfig config;

    @Test
    void putStatGetRoundTripsBytesExactly() throws Exception {
        byte[] content = "电子证照 round trip ✓".repeat(1000).getBytes(StandardCharsets.UTF_8);
        String key = "tests/" + System.nanoTime() + ".bin";
        StoredObject stored = store.put(config.storage().licenceBucket(), key, new ByteArrayInputStream(content),
                content.length, "application/octet-stream");
        assertEquals(content.length, stored.size());
        assertTrue(store.stat(config.storage().licenceBucket(), key).isPresent());
        try (InputStream in = store.get(config.storage().licenceBucket(), key)) {
            assertArrayEquals(content, in.readAllBytes());
        }
        try (InputStream in = store.getRange(config.storage().licenceBucket(), key, 10, 20)) {
            assertArrayEquals(java.util.Arrays.copyOfRange(content, 10, 30), in.readAllBytes());
        }
    }

    @Test
    void unknownSizeUploadGoesMultipart() throws Exception {
        byte[] content = new byte[20 * 1024 * 1024 + 123];
        new java.util.Random(7).nextBytes(content);
        String key = "tests/multipart-" + System.nanoTime();
        StoredObject stored = store.put(config.storage().licenceBucket(), key, new ByteArrayInputStream(content), -1,
                "application/octet-stream");
        assertEquals(content.length, stored.size());
        try (InputStream in = store.get(config.storage().licenceBucket(), key)) {
            assertArrayEquals(content, in.readAllBytes());
        }
    }

    @Test
    void startedRangeReadsTheSameBytesAsAWaitedOne() throws Exception {
        byte[] content = "证照下载 ".repeat(50_000).getBytes(StandardCharsets.UTF_8);
        String key = "tests/started-" + System.nanoTime();
        store.put(config.storage().licenceBucket(), key, new ByteArrayInputStream(content), content.length, "application/octet-stream");
        try (InputStream in = store.startRange(config.storage().licenceBucket(), key, 7, content.length - 7)) {
            assertArrayEquals(java.util.Arrays.copyOfRange(content, 7, content.length), in.readAllBytes());
        }
    }

    @Test
    void startedRangeClosedUnreadReleasesTheAnswerAndTheStoreKeepsWorking() throws Exception {
        String key = "tests/unread-" + System.nanoTime();
        byte[] content = new byte[300_000];
        new java.util.Random(3).nextBytes(content);
        store.put(config.storage().licenceBucket(), key, new ByteArrayInputStream(content), content.length, "application/octet-stream");
        // more unread answers than the HTTP client keeps connections for: each must be released, not leaked
        for (int i = 0; i < 40; i++) {
            store.startRange(config.storage().licenceBucket(), key, 0, content.length).close();
        }
        try (InputStream in = store.startRange(config.storage().licenceBucket(), key, 0, content.length)) {
            assertArrayEquals(content, in.readAllBytes());
        }
    }

    @Test
    void startedRangeOfMissingObjectFailsOnFirstRead() {
        InputStream in = store.startRange(config.storage().licenceBucket(), "tests/absent-" + System.nanoTime(), 0, 10);
        org.junit.jupiter.api.Assertions.assertThrows(org.govhub.common.storage.StorageException.class, in::read);
    }

    @Test
    void statOfMissingObjectIsEmpty() {
        assertTrue(store.stat(config.storage().licenceBucket(), "tests/absent-" + System.nanoTime()).isEmpty());
    }

    @Test
    void removedObjectIsGone() {
        String key = "tests/remove-" + System.nanoTime();
        store.put(config.storage().licenceBucket(), key, new ByteArrayInputStream(new byte[] {1, 2, 3}), 3, "application/octet-stream");
        store.remove(config.storage().licenceBucket(), key);
        assertTrue(store.stat(config.storage().licenceBucket(), key).isEmpty());
    }
}
