package org.govhub.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.govhub.signing.SigningKey;
import org.govhub.signing.SigningKeyStore;
import org.govhub.signing.Sm2Signatures;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * P5: SM2 sign and verify through the code the hub's signing service runs (SM3withSM2, ID
 * 1234567812345678, DER), on a 32-byte message like openssl speed's. Run by bench/p5-crypto.sh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Sm2SigningBenchmark {
    private SigningKey key;
    private byte[] message;
    private byte[] signature;

    @Setup
    public void setUp() throws Exception {
        Path dir = Files.createTempDirectory("p5-crypto");
        key = SigningKeyStore.loadOrCreate(dir.resolve("bench.p12"), "bench".toCharArray(), "bench", Clock.systemUTC());
        message = new byte[32];
        new java.util.Random(1).nextBytes(message);
        signature = Sm2Signatures.sign(key.privateKey(), message);
    }

    @Benchmark
    public byte[] sign() {
        return Sm2Signatures.sign(key.privateKey(), message);
    }

    @Benchmark
    public boolean verify() {
        return Sm2Signatures.verify(key.publicKey(), message, signature);
    }
}
