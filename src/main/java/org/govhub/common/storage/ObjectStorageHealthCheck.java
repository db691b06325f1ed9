package org.govhub.common.storage;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.govhub.common.HubConfig;

/** Ready only while the object store answers and the licence bucket exists. */
@Readiness
@ApplicationScoped
public class ObjectStorageHealthCheck implements HealthCheck {
    private final ObjectStore store;
    private final HubConfig config;

    public ObjectStorageHealthCheck(ObjectStore store, HubConfig config) {
        this.store = store;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            boolean present = store.bucketExists(config.storage().licenceBucket());
            return HealthCheckResponse.named("object-storage").status(present)
                    .withData("bucket", config.storage().licenceBucket()).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("object-storage").down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
