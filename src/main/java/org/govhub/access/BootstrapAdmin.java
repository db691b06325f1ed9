package org.govhub.access;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.govhub.common.HubConfig;
import org.govhub.common.PrivateFiles;
import org.govhub.common.RegionPrefix;
import org.jboss.logging.Logger;

/**
 * Makes sure the node has an administrator. Its secret comes from HUB_ADMIN_CLIENT_SECRET; without
 * it a secret is generated once into the data folder (0600) and only that file's path is logged.
 */
@ApplicationScoped
public class BootstrapAdmin {
    private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class);

    void onStart(@Observes @Priority(10) StartupEvent event, HubConfig config, ClientRegistry clients) {
        String secret = config.auth().adminClientSecret().filter(s -> !s.isBlank()).orElseGet(() -> generatedSecret(config));
        clients.ensureAdmin(config.auth().adminClientId(), secret, RegionPrefix.ofRegion(config.regionCode()).value());
    }

    private static String generatedSecret(HubConfig config) {
        Path file = Path.of(config.dataDir(), "admin-client-secret");
        try {
            if (!Files.exists(file)) {
                PrivateFiles.writeString(file, SecretHasher.newSecret());
                LOG.infof("generated the admin client secret into %s", file.toAbsolutePath());
            }
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the admin client secret " + file, e);
        }
    }
}
