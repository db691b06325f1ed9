package org.govhub.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Switches TLS on by configuration alone, as an operator would: a PEM certificate and key (made with the
 * openssl CLI for CN govhub-tls-test) for the default TLS configuration, on a random test port beside
 * plain HTTP. Every test hub has it, so checking TLS costs no hub start of its own.
 */
public class TlsTestResource implements QuarkusTestResourceLifecycleManager {
    public static final String COMMON_NAME = "govhub-tls-test";
    private static Path made;

    @Override
    public Map<String, String> start() {
        Path dir = certificateDir();
        return Map.of(
                "quarkus.tls.key-store.pem.0.cert", dir.resolve("tls.crt").toString(),
                "quarkus.tls.key-store.pem.0.key", dir.resolve("tls.key").toString(),
                "quarkus.http.test-ssl-port", "0");
    }

    @Override
    public void stop() {
    }

    /** The folder with tls.crt and tls.key, made afresh on first use (the certificate is valid for two days). */
    public static synchronized Path certificateDir() {
        if (made != null) {
            return made;
        }
        Path dir = Path.of("target", "test-tls").toAbsolutePath();
        try {
            Files.createDirectories(dir);
            Openssl.Result result = Openssl.run(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                    "-nodes", "-keyout", "tls.key", "-out", "tls.crt", "-days", "2",
                    "-subj", "/CN=" + COMMON_NAME, "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1");
            if (!result.ok()) {
                throw new IllegalStateException(result.output());
            }
            made = dir;
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
