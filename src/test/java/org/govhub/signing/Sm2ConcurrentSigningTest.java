package org.govhub.signing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Signers are kept per thread and key; signatures made in parallel must each still verify. */
class Sm2ConcurrentSigningTest {

    @Test
    void parallelSignaturesWithTwoKeysAllVerify() throws Exception {
        SigningKey first = SigningKeyStore.loadOrCreate(Files.createTempDirectory("k1").resolve("a.p12"), "pw".toCharArray(), "a", Clock.systemUTC());
        SigningKey second = SigningKeyStore.loadOrCreate(Files.createTempDirectory("k2").resolve("b.p12"), "pw".toCharArray(), "b", Clock.systemUTC());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                SigningKey key = t % 2 == 0 ? first : second;
                SigningKey other = t % 2 == 0 ? second : first;
                int thread = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        byte[] data = ("message " + thread + "/" + i).getBytes(StandardCharsets.UTF_8);
                        byte[] signature = Sm2Signatures.sign(key.privateKey(), data);
                        if (!Sm2Signatures.verify(key.publicKey(), data, signature) || Sm2Signatures.verify(other.publicKey(), data, signature)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
