package org.govhub.aggregation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.govhub.common.HubClock;
import org.govhub.common.HubConfig;
import org.govhub.common.storage.ObjectStore;
import org.govhub.licences.Licence;
import org.jboss.logging.Logger;

/**
 * Sends the outbox rows that are not case versions (licences, licence status changes, catalogue
 * changes) to the upstream, one request per row, oldest first, for the {@code aggregation-forward}
 * route before its case batches (so an item change is effective upstream before the cases that
 * use it arrive there). A row is marked sent only after the upstream answered it: 2xx (its
 * {@code outcome} is kept: created, applied, unchanged) or a refusal that sending again would not
 * change (4xx other than 401/408/429: kept as {@code rejected} with the upstream's problem). 5xx,
 * 401, 408, 429 and connection errors leave the row unsent with the reason and end this run: the
 * next tick tries the same row again, so rows of one licence or item keep their order. A licence
 * file is streamed from S3 into the request body, never held in memory.
 */
@Singleton
@Named("upstreamSender")
public class UpstreamSender {
    private static final Logger LOG = Logger.getLogger(UpstreamSender.class);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private final UpstreamLink upstream;
    private final ObjectStore store;
    private final String bucket;
    private final HubClock clock;
    private final HubConfig.Aggregation config;
    private final ObjectMapper json;

    public UpstreamSender(UpstreamLink upstream, ObjectStore store, HubConfig config, HubClock clock, ObjectMapper json) {
        this.upstream = upstream;
        this.store = store;
        this.bucket = config.storage().licenceBucket();
        this.clock = clock;
        this.config = config.aggregation();
        this.json = json;
    }

    /** What the upstream made of one row. */
    record Answer(boolean retry, String outcome, String detail) {
    }

    /** Sends up to {@code forward-batch} waiting rows; returns how many were marked sent. */
    public int forwardOthers() {
        if (!upstream.configured()) {
            return 0;
        }
        int sent = 0;
        for (int i = 0; i < config.forwardBatch(); i++) {
            OutboxEntry row = QuarkusTransaction.requiringNew().call(() -> {
                OutboxEntry next = OutboxEntry.nextOther();
                if (next != null) {
                    next.attempts++;
                    next.lastAttemptAt = clock.instant();
                }
                return next;
            });
            if (row == null) {
                return sent;
            }
            Answer answer;
            try {
                answer = send(row);
            } catch (IOException | RuntimeException e) {
                answer = new Answer(true, null, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            Answer result = answer;
            QuarkusTransaction.requiringNew().run(() -> {
                OutboxEntry stored = OutboxEntry.findById(row.id);
                if (result.retry()) {
                    stored.lastError = clip(result.detail());
                } else {
                    stored.sentAt = clock.instant();
                    stored.lastError = null;
                    stored.upstreamOutcome = result.outcome();
                    stored.upstreamDetail = clip(result.detail());
                }
            });
            if (answer.retry()) {
                LOG.warnf("forwarding %s %s upstream failed, it stays in the outbox: %s", row.kind, row.ref, answer.detail());
                return sent;
            }
            if ("rejected".equals(answer.outcome())) {
                LOG.warnf("the upstream refused forwarded %s %s: %s", row.kind, row.ref, answer.detail());
            }
            sent++;
        }
        return sent;
    }

    private Answer send(OutboxEntry row) throws IOException {
        String base = upstream.baseUrl();
        HttpRequest.Builder request;
        switch (row.kind) {
            case OutboxEntry.CATALOG -> request = HttpRequest.newBuilder(URI.create(base + "/api/v1/items/forwarded-changes"))
                    .timeout(Duration.ofMinutes(2))
                    .header("Content-Type", "application/json; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString(row.payload, StandardCharsets.UTF_8));
            case OutboxEntry.LICENCE_STATUS -> request = HttpRequest.newBuilder(URI.create(base + "/api/v1/licences/"
                    + URLEncoder.encode(licenceId(row), StandardCharsets.UTF_8).replace("+", "%20") + "/forwarded-status"))
                    .timeout(Duration.ofMinutes(2))
                    .header("Content-Type", "application/json; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString(row.payload, StandardCharsets.UTF_8));
            case OutboxEntry.LICENCE -> request = licenceRequest(base, row);
            default -> {
                return new Answer(false, "rejected", "unknown outbox kind " + row.kind);
            }
        }
        request.header("Accept", "application/json").header("Authorization", upstream.authorization());
        HttpResponse<String> response;
        try {
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding " + row.ref, e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            String outcome = "accepted";
            try {
                JsonNode body = json.readTree(response.body());
                outcome = body.path("outcome").asText(outcome);
            } catch (IOException e) {
                // a 2xx is enough; the outcome is only kept for the operator
            }
            return new Answer(false, outcome, null);
        }
        if (status == 401) {
            upstream.tokenRefused();
        }
        if (status >= 500 || status == 401 || status == 408 || status == 429) {
            return new Answer(true, null, "HTTP " + status + " from the upstream: " + response.body());
        }
        return new Answer(false, "rejected", "HTTP " + status + ": " + response.body());
    }

    /** multipart/form-data: the {@code licence} JSON part, then the file streamed from S3 (chunked transfer). */
    private HttpRequest.Builder licenceRequest(String base, OutboxEntry row) {
        String id = licenceId(row);
        Licence licence = QuarkusTransaction.requiringNew().call(() -> Licence.findById(id));
        if (licence == null) {
            throw new IllegalStateException("licence " + id + " of outbox row " + row.id + " is not stored here");
        }
        String boundary = "govhub-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"licence\"\r\n"
                + "Content-Type: application/json; charset=UTF-8\r\n\r\n"
                + row.payload + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + id + "\"\r\n"
                + "Content-Type: " + licence.contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        String key = licence.objectKey;
        long size = licence.fileSize;
        return HttpRequest.newBuilder(URI.create(base + "/api/v1/licences/forwarded"))
                .timeout(Duration.ofMinutes(30))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> {
                    InputStream file = size == 0 ? InputStream.nullInputStream() : store.getRange(bucket, key, 0, size);
                    return new SequenceInputStream(Collections.enumeration(List.of(
                            new ByteArrayInputStream(head), file, new ByteArrayInputStream(tail))));
                }));
    }

    private static String licenceId(OutboxEntry row) {
        int slash = row.ref.lastIndexOf('/');
        return slash < 0 ? row.ref : row.ref.substring(0, slash);
    }

    private static String clip(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 999) + "…";
    }
}
