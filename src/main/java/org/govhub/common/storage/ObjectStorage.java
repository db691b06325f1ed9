package org.govhub.common.storage;

import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.nio.file.Path;
import okhttp3.OkHttpClient;
import org.govhub.access.SecretHasher;
import org.govhub.common.HubConfig;
import org.jboss.logging.Logger;

/**
 * Connects the hub to its object storage: the configured S3/MinIO endpoint, or, when none is
 * configured, an embedded S3 server under the data folder. Creates the buckets on start.
 */
@ApplicationScoped
@Startup
public class ObjectStorage {
    private static final Logger LOG = Logger.getLogger(ObjectStorage.class);

    private final EmbeddedS3Server embedded;
    private final ObjectStore store;

    public ObjectStorage(HubConfig config) {
        HubConfig.Storage storage = config.storage();
        String endpoint;
        String accessKey;
        String secretKey;
        if (storage.endpoint().isPresent()) {
            embedded = null;
            endpoint = storage.endpoint().get();
            accessKey = storage.accessKey().orElseThrow(() -> new IllegalStateException("hub.storage.access-key is required with an endpoint"));
            secretKey = storage.secretKey().orElseThrow(() -> new IllegalStateException("hub.storage.secret-key is required with an endpoint"));
        } else {
            embedded = EmbeddedS3Server.start(Path.of(config.dataDir(), "objects"), storage.embeddedPort(),
                    "govhub-" + SecretHasher.newSecret().substring(0, 12), SecretHasher.newSecret());
            endpoint = embedded.endpoint().toString();
            accessKey = embedded.accessKey();
            secretKey = embedded.secretKey();
            LOG.infof("embedded S3 server on %s, objects under %s", endpoint, Path.of(config.dataDir(), "objects").toAbsolutePath());
        }
        OkHttpClient http = S3HttpClient.forEndpoint(endpoint);
        MinioClient client = MinioClient.builder().endpoint(endpoint).credentials(accessKey, secretKey)
                .region(storage.region()).httpClient(http).build();
        long readWrite = storage.readWriteTimeout().toMillis();
        client.setTimeout(storage.connectTimeout().toMillis(), readWrite, readWrite);
        // The same endpoint through the asynchronous client, for requests sent before their answer is needed.
        MinioAsyncClient async = MinioAsyncClient.builder().endpoint(endpoint).credentials(accessKey, secretKey)
                .region(storage.region()).httpClient(http).build();
        async.setTimeout(storage.connectTimeout().toMillis(), readWrite, readWrite);
        store = new ObjectStore(client, async);
        store.ensureBucket(storage.licenceBucket());
        store.ensureBucket(storage.archiveBucket());
    }

    @Produces
    @jakarta.inject.Singleton
    ObjectStore objectStore() {
        return store;
    }

    @PreDestroy
    void stop() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
