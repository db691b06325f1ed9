package org.govhub.ferry;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.govhub.cases.BatchResult;
import org.govhub.cases.CasePushService;
import org.govhub.cases.RecordOutcome;
import org.govhub.common.HubConfig;
import org.govhub.common.RegionPrefix;
import org.govhub.common.problem.ProblemException;
import org.govhub.common.problem.ProblemType;

/**
 * The one place where a verified bundle's payload enters the node's own libraries, through the same
 * services a direct push uses: each {@code case-batch} entry is pushed to the case library as its
 * original pusher ({@code clientId}, {@code regionPrefix}). Those pushes run their own transactions
 * and are idempotent by case number and data version, so this runs outside any ferry transaction:
 * the bundle is recorded as ingested only afterwards ({@link InboundLedger#recordIngested}), and an
 * interrupted run is simply run again (records stored by the first run then come back unchanged).
 *
 * <p>The entries are pushed in chunks the case library accepts, up to {@code hub.ferry.ingest-parallelism}
 * chunks at a time, as a direct push from several clients would be. A chunk that shares a case number
 * with an earlier chunk of the bundle waits for it: versions of one case are stored in bundle order,
 * so a lower version is never judged stale because a higher one overtook it.
 */
@ApplicationScoped
public class BundleIngest {
    private static final Set<EntryKind> SUPPORTED = EnumSet.of(EntryKind.CASE_BATCH);

    private final CasePushService cases;
    private final int maxBatch;
    private final ExecutorService pushers;

    public BundleIngest(CasePushService cases, HubConfig config) {
        this.cases = cases;
        this.maxBatch = config.cases().maxBatch();
        int parallelism = config.ferry().ingestParallelism();
        if (parallelism < 1) {
            throw new IllegalArgumentException("hub.ferry.ingest-parallelism must be 1 or more, not " + parallelism);
        }
        AtomicInteger threads = new AtomicInteger();
        this.pushers = Executors.newFixedThreadPool(parallelism, task -> {
            Thread thread = new Thread(task, "ferry-ingest-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stop() {
        pushers.shutdownNow();
    }

    /** Refuses a bundle carrying an entry kind this node cannot ingest yet, before anything is written. */
    public void checkSupported(BundleManifest manifest) throws BundleRejectedException {
        for (ManifestEntry entry : manifest.entries()) {
            if (!SUPPORTED.contains(entry.kind())) {
                throw Rejection.UNSUPPORTED_ENTRY_KIND.because("entry " + entry.name() + " is a " + entry.kind().wireName()
                        + ", which this node does not ingest");
            }
        }
    }

    /**
     * Reads every entry first (so a malformed line refuses the whole bundle before any record is
     * stored), then pushes each entry's records in chunks. A failure of the store itself (database
     * down, conflicts that kept repeating) propagates once every started chunk has finished: the bundle
     * stays in the inbox and is tried again.
     */
    public List<Receipt.SubmissionReceipt> ingest(VerifiedBundle bundle) throws BundleRejectedException {
        checkSupported(bundle.manifest());
        List<ManifestEntry> entries = bundle.manifest().entries();
        List<Chunk> chunks = new ArrayList<>();
        for (int e = 0; e < entries.size(); e++) {
            ManifestEntry entry = entries.get(e);
            List<CaseBatchLines.Line> records = CaseBatchLines.read(entry, bundle.entry(entry));
            RegionPrefix prefix = RegionPrefix.parse(entry.regionPrefix());
            for (int from = 0; from < records.size(); from += maxBatch) {
                chunks.add(new Chunk(e, entry, prefix, records.subList(from, Math.min(records.size(), from + maxBatch))));
            }
        }
        List<BatchResult> results = pushInCaseOrder(chunks);
        List<List<BatchResult>> byEntry = new ArrayList<>(entries.size());
        entries.forEach(entry -> byEntry.add(new ArrayList<>()));
        for (int i = 0; i < chunks.size(); i++) {
            byEntry.get(chunks.get(i).entryIndex()).add(results.get(i));
        }
        List<Receipt.SubmissionReceipt> receipts = new ArrayList<>(entries.size());
        for (int e = 0; e < entries.size(); e++) {
            receipts.add(receipt(entries.get(e), byEntry.get(e)));
        }
        return receipts;
    }

    private record Chunk(int entryIndex, ManifestEntry entry, RegionPrefix prefix, List<CaseBatchLines.Line> records) {
        Set<String> caseNos() {
            Set<String> caseNos = new LinkedHashSet<>();
            records.forEach(r -> caseNos.add(r.caseNo()));
            return caseNos;
        }
    }

    /** Runs every chunk, each after the earlier chunks that hold one of its case numbers; results in chunk order. */
    private List<BatchResult> pushInCaseOrder(List<Chunk> chunks) throws BundleRejectedException {
        Map<String, Integer> lastChunkOfCase = new HashMap<>();
        List<CompletableFuture<BatchResult>> pushes = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            Chunk chunk = chunks.get(i);
            Set<Integer> earlier = new LinkedHashSet<>();
            for (String caseNo : chunk.caseNos()) {
                Integer before = lastChunkOfCase.put(caseNo, i);
                if (before != null) {
                    earlier.add(before);
                }
            }
            CompletableFuture<?>[] waitFor = earlier.stream().map(pushes::get).toArray(CompletableFuture[]::new);
            pushes.add(CompletableFuture.allOf(waitFor).thenApplyAsync(ignored -> push(chunk), pushers));
        }
        List<BatchResult> results = new ArrayList<>(chunks.size());
        RuntimeException firstFailure = null;
        for (CompletableFuture<BatchResult> push : pushes) {
            try {
                results.add(push.join());
            } catch (CompletionException failed) {
                if (firstFailure == null) {
                    firstFailure = failed.getCause() instanceof RuntimeException cause ? cause : failed;
                }
            }
        }
        if (firstFailure instanceof RefusedEntry refused) {
            throw refused.rejection;
        }
        if (firstFailure != null) {
            throw firstFailure;
        }
        return results;
    }

    private BatchResult push(Chunk chunk) {
        ManifestEntry entry = chunk.entry();
        try {
            return cases.pushAcrossGap(entry.clientId(), chunk.prefix(), chunk.records().stream().map(CaseBatchLines.Line::json).toList());
        } catch (ProblemException refused) {
            if (refused.type() == ProblemType.UNAVAILABLE) {
                throw refused;
            }
            throw new RefusedEntry(Rejection.BAD_PAYLOAD.because("entry " + entry.name()
                    + " was refused by the case library: " + refused.getMessage()));
        }
    }

    /** Carries a rejection out of a pusher thread. */
    private static final class RefusedEntry extends RuntimeException {
        private final BundleRejectedException rejection;

        RefusedEntry(BundleRejectedException rejection) {
            super(rejection.getMessage(), rejection, false, false);
            this.rejection = rejection;
        }
    }

    private static Receipt.SubmissionReceipt receipt(ManifestEntry entry, List<BatchResult> results) {
        List<Receipt.RecordOutcome> outcomes = new ArrayList<>();
        Map<String, Integer> counts = new TreeMap<>();
        for (BatchResult result : results) {
            for (RecordOutcome o : result.records()) {
                String outcome = o.outcome().wireName();
                counts.merge(outcome, 1, Integer::sum);
                outcomes.add(new Receipt.RecordOutcome(o.caseNo(), o.dataVersion(), outcome, message(o)));
            }
        }
        return new Receipt.SubmissionReceipt(entry.submissionId(), entry.name(), counts, outcomes);
    }

    /** Why a record was rejected, or which process controls a stored version breaks. */
    private static String message(RecordOutcome o) {
        if (o.errors() != null && !o.errors().isEmpty()) {
            return o.errors().stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
        }
        if (o.findings() != null && !o.findings().isEmpty()) {
            return "findings: " + o.findings().stream().map(f -> f.wireName()).collect(Collectors.joining(", "));
        }
        return null;
    }
}
