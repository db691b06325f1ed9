package org.govhub.aggregation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.govhub.common.HubClock;
import org.govhub.common.HubConfig;
import org.jboss.logging.Logger;

/**
 * The durable outbox of upward forwarding. Local changes add rows in their own transaction
 * ({@link #enqueue}); the {@code aggregation-forward} route takes the oldest unsent rows as one batch
 * ({@link #nextBatch}), posts them to the upstream, and marks them sent only after a 2xx answer
 * ({@link #markSent}). A failure leaves them unsent, so they go again at the next tick, after a
 * restart too. Sending twice is harmless: the upstream answers {@code unchanged} for a version it holds.
 */
@Singleton
@Named("upstreamOutbox")
public class UpstreamOutbox {
    private static final Logger LOG = Logger.getLogger(UpstreamOutbox.class);
    /** Exchange property: ids of the rows in the batch being sent, in batch order. */
    public static final String IDS = "outboxIds";
    /** Exchange property: whether more rows may be waiting after this batch. */
    public static final String MORE = "outboxMore";

    private final HubClock clock;
    private final HubConfig.Aggregation config;
    private final ObjectMapper json;

    public UpstreamOutbox(HubClock clock, HubConfig config, ObjectMapper json) {
        this.clock = clock;
        this.config = config.aggregation();
        this.json = json;
    }

    /** One row to add: what it is and the exact body member the upstream will receive. */
    public record Item(String kind, String ref, String payload) {
    }

    /** Adds rows inside the caller's transaction (the connection of the local change). */
    public void enqueue(Connection c, List<Item> items, Instant at) throws SQLException {
        if (items.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO aggregation_outbox (kind, ref, payload, created_at,"
                + " attempts) VALUES (?, ?, ?, ?, 0)")) {
            for (Item item : items) {
                s.setString(1, item.kind());
                s.setString(2, item.ref());
                s.setString(3, item.payload());
                s.setObject(4, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /**
     * The body of the next forwarding request, {@code {"records":[…]}} with the oldest unsent case
     * rows, or null when nothing waits. Sets {@link #IDS} and {@link #MORE} on the exchange.
     */
    @Transactional
    public String nextBatch(Exchange exchange) {
        List<OutboxEntry> rows = OutboxEntry.pending(OutboxEntry.CASE, config.forwardBatch());
        List<Long> ids = new ArrayList<>(rows.size());
        StringBuilder body = new StringBuilder("{\"records\":[");
        Instant now = clock.instant();
        for (OutboxEntry row : rows) {
            if (!ids.isEmpty()) {
                body.append(',');
            }
            body.append(row.payload);
            ids.add(row.id);
            row.attempts++;
            row.lastAttemptAt = now;
        }
        exchange.setProperty(IDS, ids);
        exchange.setProperty(MORE, rows.size() == config.forwardBatch());
        return rows.isEmpty() ? null : body.append("]}").toString();
    }

    /**
     * The upstream answered 2xx: marks the batch's rows sent and keeps the upstream's outcome per
     * record. A record the upstream rejected is sent all the same (sending it again would not change
     * the answer); it is logged and kept with the upstream's field errors for the operator.
     */
    @Transactional
    public void markSent(Exchange exchange) throws IOException {
        List<Long> ids = ids(exchange);
        JsonNode answer = json.readTree(exchange.getMessage().getBody(String.class));
        JsonNode records = answer.path("records");
        Instant now = clock.instant();
        for (int i = 0; i < ids.size(); i++) {
            OutboxEntry row = OutboxEntry.findById(ids.get(i));
            JsonNode outcome = records.path(i);
            row.sentAt = now;
            row.lastError = null;
            row.upstreamOutcome = outcome.path("outcome").asText("unknown");
            if (outcome.has("errors")) {
                row.upstreamDetail = clip(outcome.get("errors").toString());
                LOG.warnf("the upstream rejected forwarded %s %s: %s", row.kind, row.ref, row.upstreamDetail);
            }
        }
        LOG.debugf("forwarded %d rows upstream", ids.size());
    }

    /** The batch could not be delivered (after the route's redeliveries): rows stay unsent, with the reason. */
    @Transactional
    public void markFailed(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = cause == null ? "unknown failure" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        for (Long id : ids(exchange)) {
            OutboxEntry row = OutboxEntry.findById(id);
            row.lastError = clip(reason);
        }
        LOG.warnf("forwarding %d rows upstream failed, they stay in the outbox: %s", ids(exchange).size(), reason);
    }

    /** Removes rows sent longer ago than {@code hub.aggregation.keep-sent}. */
    @Transactional
    public long purgeSent() {
        return OutboxEntry.removeSentBefore(clock.instant().minus(config.keepSent()));
    }

    /** Rows not yet accepted by the upstream. */
    @Transactional
    public long pending() {
        return OutboxEntry.pendingCount();
    }

    @SuppressWarnings("unchecked")
    private static List<Long> ids(Exchange exchange) {
        List<Long> ids = exchange.getProperty(IDS, List.class);
        return ids == null ? List.of() : ids;
    }

    private static String clip(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 999) + "…";
    }
}
