package org.govhub.aggregation;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Makes the hub under test its own upstream (through {@link FlakyUpstream}, which can go down) and
 * its own two downstreams ("city-a" for 3303, "city-b" for 3304, read through its real change feed),
 * with fast timers. The clients behind these links are registered by the tests through the admin
 * API; their secrets reach the hub as files, as an operator would hand them over.
 */
public class AggregationTestResource implements QuarkusTestResourceLifecycleManager {
    static final Path SECRETS = Path.of("target", "aggregation-test");
    static final String UPSTREAM_CLIENT = "agg-upstream";
    static final String EXPECTED_PLATFORM = "agg-expected-platform";
    static FlakyUpstream upstream;

    @Override
    public Map<String, String> start() {
        try {
            int hubPort = freePort();
            Files.createDirectories(SECRETS);
            try (var old = Files.list(SECRETS)) {
                for (Path file : old.toList()) {
                    Files.delete(file);
                }
            }
            upstream = new FlakyUpstream(hubPort);
            Map<String, String> config = new HashMap<>();
            config.put("quarkus.http.test-port", Integer.toString(hubPort));
            config.put("hub.upstream.url", "http://127.0.0.1:" + upstream.port());
            config.put("hub.upstream.client-id", UPSTREAM_CLIENT);
            config.put("hub.upstream.client-secret-file", secretFile(UPSTREAM_CLIENT));
            config.put("hub.aggregation.forward-every", "200");
            config.put("hub.aggregation.forward-batch", "10");
            config.put("hub.aggregation.retry-attempts", "2");
            config.put("hub.aggregation.retry-delay-ms", "50");
            config.put("hub.aggregation.retry-max-delay-ms", "200");
            config.put("hub.aggregation.pull-every", "300");
            config.put("hub.aggregation.pull-page-size", "7");
            config.put("hub.aggregation.pull-pages-per-run", "1");
            // The tests stop and start the routes: the default first-run delays (5 s, 10 s) made up most of their time.
            config.put("hub.aggregation.forward-delay", "100");
            config.put("hub.aggregation.pull-delay", "100");
            config.put("hub.aggregation.expected-platforms", EXPECTED_PLATFORM);
            downstream(config, "city-a", "3303", hubPort);
            downstream(config, "city-b", "3304", hubPort);
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void downstream(Map<String, String> config, String name, String prefix, int hubPort) {
        String key = "hub.aggregation.downstreams." + name + ".";
        config.put(key + "url", "http://127.0.0.1:" + hubPort);
        config.put(key + "client-id", pullClient(name));
        config.put(key + "client-secret-file", secretFile(pullClient(name)));
        config.put(key + "region-prefix", prefix);
    }

    static String pullClient(String downstream) {
        return "agg-pull-" + downstream;
    }

    static String secretFile(String clientId) {
        return SECRETS.resolve(clientId).toAbsolutePath().toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void stop() {
        if (upstream != null) {
            upstream.close();
        }
    }
}
