package org.govhub.cases;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.govhub.catalog.PowerItemCode;
import org.govhub.common.HubClock;
import org.govhub.common.HubConfig;
import org.govhub.common.RegionPrefix;
import org.govhub.common.problem.FieldError;
import org.govhub.common.problem.ProblemException;
import org.jboss.logging.Logger;

/**
 * Accepts batches of case records from municipal platforms, and from other capabilities in Java
 * (the ferry ingests bundles through {@link #pushAcrossGap}), with one outcome per
 * record: created, updated, unchanged, stale or rejected with field errors.
 *
 * <p>Each record is checked on its own (shape, region, effective item) before anything is written,
 * so one bad record never blocks the others; the survivors are written by {@link CaseStore} in one
 * transaction, so none is ever half written. Pushing is idempotent (same caseNo and dataVersion with
 * the same content is {@code unchanged}), so a pusher that lost the answer simply pushes again.
 * Every call runs in transactions of its own: do not call it while holding an audit-trail write.
 */
@ApplicationScoped
public class CasePushService {
    private static final Logger LOG = Logger.getLogger(CasePushService.class);

    private final CaseStore store;
    private final ItemCheck items;
    private final HubClock clock;
    private final HubConfig.Cases config;
    private final HubConfig hub;

    public CasePushService(CaseStore store, ItemCheck items, HubClock clock, HubConfig config) {
        this.store = store;
        this.items = items;
        this.clock = clock;
        this.config = config.cases();
        this.hub = config;
    }

    /** Pushes records built in Java, as the given client with the given region prefix. */
    public BatchResult push(String clientId, RegionPrefix prefix, List<CaseRecord> records) {
        requireSize(records == null ? null : records.size());
        List<Candidate> candidates = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            CaseRecord record = records.get(i);
            String path = path(i);
            candidates.add(record == null
                    ? new Candidate(i, null, List.of(new FieldError(path, "must be a case record")), List.of())
                    : new Candidate(i, record, CaseRecordCheck.check(record, path), List.of()));
        }
        return process(clientId, prefix, candidates, null, null, false);
    }

    /**
     * Pushes records that came across the network gap in a ferry bundle, exactly like an HTTP batch
     * (same checks, outcomes and audit row), but the stored batch is marked {@code crossedGap} so that
     * nothing sends it back across the gap (no echo). Each record is a line of the bundle already checked
     * to be one JSON object in UTF-8, read as a pushed body is, without a JSON tree.
     */
    public BatchResult pushAcrossGap(String clientId, RegionPrefix prefix, List<byte[]> records) {
        requireSize(records.size());
        List<Candidate> candidates = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            String path = path(i);
            try (JsonParser parser = CaseJson.MAPPER.createParser(records.get(i))) {
                parser.nextToken();
                candidates.add(candidate(i, path, CaseRecordReader.read(parser, path)));
            } catch (IOException e) {
                throw new UncheckedIOException("a case batch line was checked to be one JSON object", e);
            }
        }
        return process(clientId, prefix, candidates, null, null, true);
    }

    /**
     * Stores a page pulled from a downstream hub's change feed (issue 7), as client
     * {@code downstream:<name>} with the downstream's region prefix; {@code inTransaction} runs in the
     * transaction that stores the page (it moves the feed cursor with the page).
     */
    public BatchResult pull(String downstream, RegionPrefix prefix, List<JsonNode> records, CaseBatchListener inTransaction) {
        return process("downstream:" + downstream, prefix, read(records), downstream, inTransaction, false);
    }

    /** Reads each JSON record on its own. */
    private List<Candidate> read(List<JsonNode> records) {
        requireSize(records == null ? null : records.size());
        List<Candidate> candidates = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            String path = path(i);
            candidates.add(candidate(i, path, CaseRecordReader.read(records.get(i), path)));
        }
        return candidates;
    }

    private static String path(int index) {
        return "records[" + index + "]";
    }

    /** A record as read, with its {@code origin} checked and set aside (it is not part of the record), then checked. */
    private static Candidate candidate(int index, String path, CaseRecordReader.Parsed parsed) {
        List<FieldError> errors = new ArrayList<>(parsed.errors());
        List<CaseOrigin.Hop> before = CaseOrigin.readPath(parsed.origin(), path, errors);
        if (parsed.record() != null) {
            Set<String> reported = new HashSet<>();
            errors.forEach(e -> reported.add(e.field()));
            // A field the reader could not read is null now; do not also call it "required".
            CaseRecordCheck.check(parsed.record(), path).stream()
                    .filter(e -> reported.stream().noneMatch(r -> e.field().equals(r) || e.field().startsWith(r + ".")))
                    .forEach(errors::add);
        }
        return new Candidate(index, parsed.record(), errors, before);
    }

    /**
     * Reads an HTTP batch body {@code {"records": [...]}} and pushes it. The body is read one record at a
     * time: each record's JSON tree is dropped once the record is read and checked, so a batch in flight
     * holds its typed records, not the tree of the whole body (several times larger, and at thousands of
     * records a second it outlived young collections). Nothing is written before the whole body has been
     * read, so JSON that breaks off after the last record still stores nothing.
     */
    public BatchResult pushBody(String clientId, RegionPrefix prefix, InputStream body) throws IOException {
        try (JsonParser parser = CaseJson.MAPPER.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw ProblemException.badRequest("a JSON body {\"records\": [...]} is required");
            }
            if (first != JsonToken.START_OBJECT) {
                throw notABatch();
            }
            List<Candidate> candidates = null;
            int count = 0;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean isRecords = "records".equals(parser.currentName());
                JsonToken value = parser.nextToken();
                if (!isRecords) {
                    parser.skipChildren();
                    continue;
                }
                if (value != JsonToken.START_ARRAY || candidates != null) {
                    throw notABatch();
                }
                candidates = new ArrayList<>();
                for (count = 0; parser.nextToken() != JsonToken.END_ARRAY; count++) {
                    if (count < config.maxBatch()) {
                        String path = path(count);
                        candidates.add(candidate(count, path, CaseRecordReader.read(parser, path)));
                    } else {
                        parser.skipChildren();   // only counted, for the answer
                    }
                }
            }
            if (candidates == null) {
                throw notABatch();
            }
            requireSize(count);
            return process(clientId, prefix, candidates, null, null, false);
        }
    }

    private static ProblemException notABatch() {
        return ProblemException.invalidField("records", "the body must be a JSON object with one records member, an array");
    }

    private void requireSize(Integer size) {
        if (size == null || size == 0) {
            throw ProblemException.invalidField("records", "a batch needs at least one record");
        }
        if (size > config.maxBatch()) {
            throw ProblemException.tooLarge("a batch may hold at most " + config.maxBatch() + " records; this one has " + size)
                    .withMember("maxRecords", config.maxBatch());
        }
    }

    private record Candidate(int index, CaseRecord record, List<FieldError> errors, List<CaseOrigin.Hop> before) {
    }

    private BatchResult process(String clientId, RegionPrefix prefix, List<Candidate> candidates, String pulled,
            CaseBatchListener inTransaction, boolean crossedGap) {
        String batchId = UUID.randomUUID().toString();
        Instant receivedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Map<PowerItemCode, Optional<CaseItem>> effective = new HashMap<>();
        List<CaseStore.Incoming> accepted = new ArrayList<>();
        List<RecordOutcome> rejected = new ArrayList<>();
        // Records that share the path they came by share its JSON (from a platform: all of them).
        Map<List<CaseOrigin.Hop>, String> origins = new HashMap<>();
        for (Candidate candidate : candidates) {
            CaseRecord record = candidate.record();
            List<FieldError> errors = new ArrayList<>(candidate.errors());
            CaseItem item = null;
            if (errors.isEmpty()) {
                if (!prefix.covers(record.regionCode().value())) {
                    errors.add(new FieldError(path(candidate.index()) + ".regionCode", "region " + record.regionCode()
                            + " is outside this client's region prefix " + prefix.value()));
                }
                item = effective.computeIfAbsent(record.itemCode(), items::effective).orElse(null);
                if (item == null) {
                    errors.add(new FieldError(path(candidate.index()) + ".itemCode", "power item " + record.itemCode()
                            + " is not in the effective catalogue: unknown, not yet approved, or cancelled"));
                }
            }
            if (!errors.isEmpty()) {
                rejected.add(RecordOutcome.rejected(candidate.index(),
                        record == null || record.caseNo() == null ? null : record.caseNo().value(),
                        record == null ? null : record.dataVersion(), errors));
                continue;
            }
            String origin = origins.computeIfAbsent(candidate.before(),
                    before -> CaseOrigin.arrivedAt(before, hub, receivedAt, clientId).json());
            accepted.add(CaseStore.Incoming.of(candidate.index(), record,
                    ProcessControls.check(record, item, config.maxCorrections()), origin));
        }
        CaseStore.Delivery delivery = new CaseStore.Delivery(batchId, clientId, prefix, receivedAt, pulled, inTransaction,
                crossedGap);
        return BatchResult.of(batchId, receivedAt, writeWithRetry(delivery, accepted, rejected));
    }

    private List<RecordOutcome> writeWithRetry(CaseStore.Delivery delivery, List<CaseStore.Incoming> accepted,
            List<RecordOutcome> rejected) {
        String batchId = delivery.batchId();
        for (int attempt = 1; ; attempt++) {
            try {
                return store.write(delivery, accepted, rejected);
            } catch (RuntimeException e) {
                if (!CaseStore.WriteConflict.isConflict(e)) {
                    throw e;
                }
                if (attempt > config.pushRetries()) {
                    throw ProblemException.unavailable("the batch kept conflicting with concurrent batches for the same"
                            + " cases; nothing of it was stored; push it again", 1);
                }
                LOG.debugf("batch %s conflicted with a concurrent batch (attempt %d), retrying: %s", batchId, attempt, e.getMessage());
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(5L * attempt, 25L * attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
