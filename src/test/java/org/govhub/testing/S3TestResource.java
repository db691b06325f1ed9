package org.govhub.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;
import org.govhub.common.storage.EmbeddedS3Server;

/** Starts a real S3 server (S3Proxy, filesystem backend) on loopback and points the hub at it. */
public class S3TestResource implements QuarkusTestResourceLifecycleManager {
    private EmbeddedS3Server server;

    @Override
    public Map<String, String> start() {
        server = EmbeddedS3Server.start(Path.of("target", "test-s3"), 0, "test-access", "test-secret-key-0123456789");
        return Map.of(
                "hub.storage.endpoint", server.endpoint().toString(),
                "hub.storage.access-key", server.accessKey(),
                "hub.storage.secret-key", server.secretKey());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
