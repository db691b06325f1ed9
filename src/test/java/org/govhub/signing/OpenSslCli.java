package org.govhub.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the openssl command line tool in a working directory, capturing stdout and stderr together. */
final class OpenSslCli {

    record Result(int exitCode, String output) {
    }

    private OpenSslCli() {
    }

    static Result run(Path workingDirectory, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("openssl did not finish: " + command);
        }
        return new Result(process.exitValue(), output);
    }

    /** Like {@link #run} but fails the calling test with openssl's output when it exits non-zero. */
    static String runOk(Path workingDirectory, String... arguments) throws IOException, InterruptedException {
        Result result = run(workingDirectory, arguments);
        if (result.exitCode() != 0) {
            throw new AssertionError("openssl " + String.join(" ", arguments) + " exited "
                    + result.exitCode() + ":\n" + result.output());
        }
        return result.output();
    }
}
