package org.govhub.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts a real OpenSSH server ({@code /usr/sbin/sshd}) on a free loopback port with its own config,
 * a generated ed25519 host key and an ed25519 client key authorised for the user running the tests,
 * all under {@code target/sshd/}; points the hub's SFTP ferry transport at it with strict host key
 * checking against a generated known_hosts file. As on a gap device's SFTP account, paths are
 * relative to the session's start folder, here {@code target/ferry-it/} ({@link #SERVER_ROOT}).
 */
public class SshdTestResource implements QuarkusTestResourceLifecycleManager {
    public static final Path SERVER_ROOT = Path.of("target", "ferry-it").toAbsolutePath();
    private Process sshd;
    private Path dir;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createDirectories(Path.of("target", "sshd", Long.toString(System.nanoTime())).toAbsolutePath());
            run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "govhub-test-host", "-f", dir.resolve("host_key").toString());
            run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "govhub-test-client", "-f", dir.resolve("client_key").toString());
            Files.copy(dir.resolve("client_key.pub"), dir.resolve("authorized_keys"));
            int port = freePort();
            String user = System.getProperty("user.name");
            Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                    "Port " + port,
                    "ListenAddress 127.0.0.1",
                    "HostKey " + dir.resolve("host_key"),
                    "PidFile " + dir.resolve("sshd.pid"),
                    "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                    "PubkeyAuthentication yes",
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "UsePAM no",
                    "StrictModes no",
                    "PermitRootLogin prohibit-password",
                    "AllowUsers " + user,
                    "Subsystem sftp internal-sftp -d " + Files.createDirectories(SERVER_ROOT),
                    "LogLevel VERBOSE", ""));
            String hostKey = Files.readString(dir.resolve("host_key.pub"), StandardCharsets.US_ASCII).trim();
            Files.writeString(dir.resolve("known_hosts"), "[127.0.0.1]:" + port + " " + hostKey + "\n");
            Files.createDirectories(Path.of("/run/sshd"));
            sshd = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
            awaitListening(port);
            return Map.of(
                    "hub.ferry.transport", "sftp",
                    "hub.ferry.sftp.host", "127.0.0.1",
                    "hub.ferry.sftp.port", Integer.toString(port),
                    "hub.ferry.sftp.user", user,
                    "hub.ferry.sftp.private-key-file", dir.resolve("client_key").toString(),
                    "hub.ferry.sftp.known-hosts-file", dir.resolve("known_hosts").toString(),
                    "hub.ferry.sftp.strict-host-key-checking", "yes");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start sshd", e);
        }
    }

    @Override
    public void stop() {
        if (sshd != null) {
            sshd.destroy();
            try {
                sshd.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void awaitListening(int port) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!sshd.isAlive()) {
                throw new IllegalStateException("sshd exited: " + Files.readString(dir.resolve("sshd.log")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        throw new IllegalStateException("sshd did not listen on " + port + ": " + Files.readString(dir.resolve("sshd.log")));
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void run(String... command) throws IOException {
        Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
