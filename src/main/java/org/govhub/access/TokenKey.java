package org.govhub.access;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.govhub.common.HubConfig;
import org.govhub.common.PrivateFiles;

/**
 * The HMAC key that signs this node's access tokens. Tokens are only ever checked by the node that
 * issued them, so a symmetric key kept beside the data (0600) is enough; it survives restarts so
 * tokens stay valid until they expire.
 */
@io.quarkus.runtime.Startup
@ApplicationScoped
public class TokenKey {
    private final byte[] key;

    public TokenKey(HubConfig config) {
        Path file = Path.of(config.dataDir(), "keys", "token-hmac.key");
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                PrivateFiles.write(file, fresh);
            }
            this.key = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create token key " + file, e);
        }
    }

    byte[] bytes() {
        return key.clone();
    }
}
