package org.govhub.audit;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.govhub.common.HubConfig;
import org.govhub.common.PrivateFiles;
import org.govhub.signing.Sm3;

/**
 * ID numbers never enter the audit trail in clear: they are stored as SM3(salt || id). The salt is
 * per node and kept beside the keys, so the same person is still traceable within the node's trail.
 */
@ApplicationScoped
public class PersonalIdDigest {
    private final byte[] salt;

    public PersonalIdDigest(HubConfig config) {
        Path file = Path.of(config.dataDir(), "keys", "audit-salt");
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                PrivateFiles.write(file, fresh);
            }
            salt = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create audit salt " + file, e);
        }
    }

    public String digest(String idNumber) {
        byte[] id = idNumber.trim().getBytes(StandardCharsets.UTF_8);
        byte[] input = new byte[salt.length + id.length];
        System.arraycopy(salt, 0, input, 0, salt.length);
        System.arraycopy(id, 0, input, salt.length, id.length);
        return Sm3.hex(Sm3.digest(input));
    }
}
