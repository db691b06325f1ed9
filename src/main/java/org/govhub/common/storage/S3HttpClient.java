package org.govhub.common.storage;

import io.minio.Http;
import io.minio.errors.MinioException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/**
 * The HTTP client the MinIO clients use: MinIO's own default, except that a plain-HTTP endpoint skips
 * the certificates named by SSL_CERT_FILE and SSL_CERT_DIR. MinIO reads each of those files a byte
 * at a time; with SSL_CERT_DIR=/etc/ssl/certs that took 2 to 3 seconds per client at every start,
 * for an endpoint (the embedded server on loopback, or MinIO inside the private network over
 * plain HTTP) that never presents a certificate.
 */
public final class S3HttpClient {
    private S3HttpClient() {
    }

    public static OkHttpClient forEndpoint(String endpoint) {
        OkHttpClient client = new OkHttpClient.Builder()
                .connectTimeout(Http.DEFAULT_TIMEOUT, TimeUnit.MILLISECONDS)
                .writeTimeout(Http.DEFAULT_TIMEOUT, TimeUnit.MILLISECONDS)
                .readTimeout(Http.DEFAULT_TIMEOUT, TimeUnit.MILLISECONDS)
                .protocols(List.of(Protocol.HTTP_1_1))
                .addInterceptor(new Http.StatusRetryInterceptor())
                .build();
        if (!endpoint.regionMatches(true, 0, "https:", 0, 6)) {
            return client;
        }
        try {
            return Http.enableExternalCertificatesFromEnv(client);
        } catch (MinioException e) {
            throw new IllegalStateException("the certificates named by SSL_CERT_FILE or SSL_CERT_DIR cannot be read", e);
        }
    }
}
