package org.govhub.ferry;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.govhub.testing.SshdTestResource;

/** Test profiles that turn the ferry on for one side of the gap, with gap and work folders under target/. */
public final class FerryProfiles {
    /** Test lanes: each test takes its own, so their sequences do not interfere. */
    public static final String LANES = "cases,t01,t02,t03,t04,t05,t06,t07,t08,t09,t10,t11,t12,t13,t14,t15,t16,t17,t18,t19,t20,"
            + "t21,t22,t23,t24,t25,t26,t27,t28,t29,t30";
    /** The internal node's lanes for {@link HostileBundlesTest}: one per hostile bundle, and one for the valid bundle after them. */
    static final List<String> HOSTILE_LANES = IntStream.rangeClosed(1, 21).mapToObj(i -> String.format("h%02d", i)).toList();

    private FerryProfiles() {
    }

    public static Path root(String side) {
        return Path.of("target", "ferry-it", side).toAbsolutePath();
    }

    static Map<String, String> enabled(String zone, String side) {
        Path root = root(side);
        clean(root);
        Map<String, String> config = new HashMap<>();
        config.put("hub.zone", zone);
        config.put("hub.ferry.enabled", "true");
        config.put("hub.ferry.lanes", LANES);
        config.put("hub.ferry.outbound-dir", root.resolve("gap/bundles").toString());
        config.put("hub.ferry.inbound-dir", root.resolve("gap/bundles").toString());
        config.put("hub.ferry.return-dir", root.resolve("gap/return").toString());
        config.put("hub.ferry.work-dir", root.resolve("work").toString());
        config.put("hub.ferry.trusted-peer-certificate", root.resolve("peer.pem").toString());
        config.put("hub.ferry.poll-millis", "200");
        config.put("hub.ferry.hold-timeout", "PT2M");
        return config;
    }

    static void clean(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The internal node: picks bundles up, verifies, ingests (two chunks at a time), receipts. */
    public static class Internal implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = enabled("internal", "internal");
            config.put("hub.ferry.lanes", LANES + "," + String.join(",", HOSTILE_LANES));
            config.put("hub.ferry.ingest-parallelism", "2");
            return config;
        }
    }

    /** The internal node with the SFTP transport against a real sshd (gap folders are paths on that server). */
    public static class InternalSftp implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return overSftp(enabled("internal", "internal-sftp"), "internal-sftp");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SshdTestResource.class));
        }
    }

    /** The external node with the SFTP transport against a real sshd. */
    public static class ExternalSftp extends External {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = overSftp(enabled("external", "external-sftp"), "external-sftp");
            config.putAll(externalTuning());
            return config;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SshdTestResource.class));
        }
    }

    /** Over SFTP the gap folders are paths relative to the SFTP session's start folder ({@link SshdTestResource#SERVER_ROOT}). */
    static Map<String, String> overSftp(Map<String, String> config, String side) {
        config.put("hub.ferry.outbound-dir", side + "/gap/bundles");
        config.put("hub.ferry.inbound-dir", side + "/gap/bundles");
        config.put("hub.ferry.return-dir", side + "/gap/return");
        return config;
    }

    static Map<String, String> externalTuning() {
        return Map.of("hub.ferry.max-age", "PT1S", "hub.ferry.bundle-max-records", "10", "hub.ferry.resend-after", "PT10M");
    }

    /** The external node: seals accepted pushes into bundles, ships them, reads receipts. */
    public static class External implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = enabled("external", "external");
            config.putAll(externalTuning());
            return config;
        }
    }

    /** The internal node with the return lane on: versions pushed inside travel back out on {@code feedback}. */
    public static class InternalReturn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = enabled("internal", "internal-return");
            config.putAll(externalTuning());
            config.put("hub.ferry.pack-lanes", "feedback");
            return config;
        }
    }

    /** The external node with the return lane on: it ingests {@code feedback} bundles from the return gap. */
    public static class ExternalReturn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = enabled("external", "external-return");
            config.putAll(externalTuning());
            config.put("hub.ferry.ingest-lanes", "feedback");
            return config;
        }
    }

    /** The external node with the return lane on, the gap reached over SFTP. */
    public static class ExternalReturnSftp extends ExternalReturn {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = overSftp(enabled("external", "external-return-sftp"), "external-return-sftp");
            config.putAll(externalTuning());
            config.put("hub.ferry.ingest-lanes", "feedback");
            return config;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SshdTestResource.class));
        }
    }
}
