package org.govhub.aggregation;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.govhub.cases.BatchResult;
import org.govhub.cases.CasePushService;
import org.govhub.cases.PushOutcome;
import org.govhub.cases.RecordOutcome;
import org.govhub.common.HubClock;
import org.govhub.common.HubConfig;
import org.govhub.common.RegionPrefix;
import org.jboss.logging.Logger;

/**
 * Pulls the change feeds of the downstream hubs ({@code hub.aggregation.downstreams.*}), for the
 * {@code aggregation-pull} route: {@link #prepare} asks for the page after the source's persisted
 * cursor, {@link #ingest} stores the page through the local push service and, in the same
 * transaction, moves the cursor past it and records the source's report. A page is therefore stored
 * and passed exactly once, across crashes and restarts; a version that also arrived by push is
 * simply {@code unchanged}.
 */
@Singleton
@Named("downstreamPuller")
public class DownstreamPuller {
    private static final Logger LOG = Logger.getLogger(DownstreamPuller.class);
    /** Exchange property: the name of the downstream being pulled (set by the route from the split body). */
    public static final String SOURCE = "pullSource";
    /** Exchange property: whether the route should ask the same source for another page now. */
    public static final String MORE = "pullMore";
    private static final String AFTER = "pullAfter";
    private static final String PAGES = "pullPages";
    private static final Pattern SOURCE_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,39}");
    /** Numbers are read exactly (no double rounding), so the stored record keeps its content digest. */
    private static final JsonMapper FEED = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private final Map<String, PeerHub> hubs = new TreeMap<>();
    private final Map<String, RegionPrefix> regions = new TreeMap<>();
    private final CasePushService push;
    private final FreshnessRegistry freshness;
    private final HubClock clock;
    private final HubConfig.Aggregation config;

    public DownstreamPuller(HubConfig config, CasePushService push, FreshnessRegistry freshness, HubClock clock,
            ObjectMapper json) {
        this.push = push;
        this.freshness = freshness;
        this.clock = clock;
        this.config = config.aggregation();
        config.aggregation().downstreams().forEach((name, downstream) -> {
            if (!SOURCE_NAME.matcher(name).matches()) {
                throw new IllegalStateException("downstream name " + name + " must be 1-40 characters of a-z, 0-9, '.', '_' or '-'"
                        + " (it names the source in cursors, reports and the stored versions' client)");
            }
            hubs.put(name, new PeerHub("downstream " + name, downstream.url(), downstream.clientId(),
                    downstream.clientSecret(), downstream.clientSecretFile(), json, clock));
            regions.put(name, RegionPrefix.parse(downstream.regionPrefix()));
        });
        if (config.aggregation().pullPageSize() < 1 || config.aggregation().pullPageSize() > 1000) {
            throw new IllegalStateException("hub.aggregation.pull-page-size must be between 1 and 1000 (one local batch)");
        }
    }

    /** The configured downstream names, in a stable order. */
    public List<String> sources() {
        return List.copyOf(hubs.keySet());
    }

    /** Prepares the request for the page after the source's cursor: query, token, and the base URL for the route. */
    public void prepare(Exchange exchange) throws IOException {
        String source = exchange.getProperty(SOURCE, String.class);
        PeerHub hub = hubs.get(source);
        long after = cursor(source).position;
        exchange.setProperty(AFTER, after);
        exchange.setProperty(PAGES, exchange.getProperty(PAGES, 0, Integer.class) + 1);
        exchange.setProperty("pullBase", hub.baseUrl());
        exchange.getMessage().setBody(null);
        exchange.getMessage().setHeader("Authorization", hub.authorization());
        exchange.getMessage().setHeader("Accept", "application/json");
        exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "GET");
        exchange.getMessage().setHeader(Exchange.HTTP_QUERY, "after=" + after + "&limit=" + config.pullPageSize());
    }

    /**
     * Stores the page that came back; the cursor moves with it in one transaction. Records the local
     * push rejects (an item not yet effective here, a region outside the source's) are logged and
     * passed, as the local push's audit row records them: a feed cannot wait for them forever.
     */
    public void ingest(Exchange exchange) throws IOException {
        String source = exchange.getProperty(SOURCE, String.class);
        long after = exchange.getProperty(AFTER, Long.class);
        JsonNode page;
        try (InputStream body = exchange.getMessage().getBody(InputStream.class)) {
            page = FEED.readTree(body);
        }
        JsonNode entries = page.path("entries");
        long next = page.path("nextCursor").asLong(after);
        if (!entries.isArray() || (entries.size() > 0 && next <= after)) {
            throw new IllegalStateException("downstream " + source + " answered a feed page without entries or a cursor past " + after);
        }
        RegionPrefix region = regions.get(source);
        if (entries.isEmpty()) {
            freshness.reported(SourceKind.DOWNSTREAM, source, region.value());
            exchange.setProperty(MORE, false);
            return;
        }
        List<JsonNode> records = new ArrayList<>(entries.size());
        for (JsonNode entry : entries) {
            ObjectNode record = ((ObjectNode) entry.path("record")).deepCopy();
            if (entry.hasNonNull("origin")) {
                record.set("origin", entry.get("origin"));
            }
            records.add(record);
        }
        int taken = entries.size();
        BatchResult result = push.pull(source, region, records, (connection, batch) -> {
            PullCursor.advance(connection, source, after, next, taken, batch.receivedAt());
            freshness.reported(connection, SourceKind.DOWNSTREAM, source, region.value(), batch.receivedAt());
        });
        for (RecordOutcome outcome : result.records()) {
            if (outcome.outcome() == PushOutcome.REJECTED) {
                LOG.warnf("downstream %s: version %s of case %s was not accepted here: %s", source,
                        outcome.dataVersion(), outcome.caseNo(), outcome.errors());
            }
        }
        int pages = exchange.getProperty(PAGES, 0, Integer.class);
        exchange.setProperty(MORE, page.path("hasMore").asBoolean(false) && pages < config.pullPagesPerRun());
    }

    /** A page could not be fetched or stored (after the route's redeliveries): the cursor stays, the next tick retries. */
    public void failed(Exchange exchange) {
        String source = exchange.getProperty(SOURCE, String.class);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (cause instanceof HttpOperationFailedException http && http.getStatusCode() == 401 && hubs.containsKey(source)) {
            hubs.get(source).forgetToken();
        }
        exchange.setProperty(MORE, false);
        LOG.warnf("pulling downstream %s failed, its cursor stays where it was: %s", source,
                cause == null ? "unknown failure" : cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }

    /** The source's cursor, created at 0 on first use. */
    @Transactional
    PullCursor cursor(String source) {
        PullCursor cursor = PullCursor.findById(source);
        if (cursor == null) {
            cursor = new PullCursor();
            cursor.source = source;
            cursor.position = 0;
            cursor.entries = 0;
            cursor.updatedAt = clock.instant();
            cursor.persist();
        }
        return cursor;
    }
}
