package org.govhub.common.storage;

import io.minio.Http;
import io.minio.errors.MinioException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;

/**
 * The HTTP client the MinIO clients use: MinIO's own default, with two differences.
 * <ul>
 * <li>A plain-HTTP endpoint skips the certificates named by SSL_CERT_FILE and SSL_CERT_DIR. MinIO reads each of
 * those files a byte at a time; with SSL_CERT_DIR=/etc/ssl/certs that took about 2 s of every hub start, for an
 * endpoint (the embedded server on loopback, or MinIO inside the private network over plain HTTP) that never
 * presents a certificate.</li>
 * <li>Response bodies are read under the socket's read timeout only. OkHttp enforces the read timeout twice: as
 * the socket's SO_TIMEOUT and as an okio timeout that wakes a watchdog thread on every read of at most 8 KB. That
 * wake-up was 36 % of the wall time of a 100 MB licence download (async-profiler, bench P4). SO_TIMEOUT, set to
 * the same value, still ends a read that waits too long.</li>
 * </ul>
 */
public final class S3HttpClient {
    private S3HttpClient() {
    }

    public static OkHttpClient forEndpoint(String endpoint) {
        return forEndpoint(endpoint, Http.DEFAULT_TIMEOUT);
    }

    static OkHttpClient forEndpoint(String endpoint, long timeoutMillis) {
        OkHttpClient client = new OkHttpClient.Builder()
                .connectTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .writeTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .readTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .protocols(List.of(Protocol.HTTP_1_1))
                .addInterceptor(new Http.StatusRetryInterceptor())
                .addNetworkInterceptor(S3HttpClient::bodyUnderSocketTimeoutOnly)
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

    private static Response bodyUnderSocketTimeoutOnly(Interceptor.Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        // OkHttp sets this timeout again for the connection's next exchange.
        response.body().source().timeout().timeout(0, TimeUnit.NANOSECONDS);
        return response;
    }
}
