package org.govhub.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the openssl CLI, the independent implementation our signatures must agree with. */
public final class Openssl {
    public static final String SM2_ID = "distid:1234567812345678";

    private Openssl() {
    }

    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    public static Result run(Path workDir, String... args) {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close(); // no input: commands like s_client would otherwise wait for it
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("openssl timed out: " + command);
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run openssl", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Verifies a DER SM3withSM2 signature over a file with the public key inside a PEM certificate. */
    public static Result verifyWithCertificate(Path dir, String certificatePem, byte[] data, byte[] signature) throws IOException {
        Files.writeString(dir.resolve("cert.pem"), certificatePem);
        Files.write(dir.resolve("data.bin"), data);
        Files.write(dir.resolve("sig.der"), signature);
        Result pub = run(dir, "x509", "-in", "cert.pem", "-pubkey", "-noout", "-out", "pub.pem");
        if (!pub.ok()) {
            return pub;
        }
        return run(dir, "dgst", "-sm3", "-verify", "pub.pem", "-sigopt", SM2_ID, "-signature", "sig.der", "data.bin");
    }
}
