package org.govhub.ferry;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
 */
@ApplicationScoped
public class BundleIngest {
    private static final Set<EntryKind> SUPPORTED = EnumSet.of(EntryKind.CASE_BATCH);

    private final CasePushService cases;
    private final int maxBatch;

    public BundleIngest(CasePushService cases, HubConfig config) {
        this.cases = cases;
        this.maxBatch = config.cases().maxBatch();
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
     * stored), then pushes each entry's records in batches the case library accepts. A failure of the
     * store itself (database down, conflicts that kept repeating) propagates: the bundle stays in the
     * inbox and is tried again.
     */
    public List<Receipt.SubmissionReceipt> ingest(VerifiedBundle bundle) throws BundleRejectedException {
        checkSupported(bundle.manifest());
        List<ManifestEntry> entries = bundle.manifest().entries();
        List<List<JsonNode>> lines = new ArrayList<>(entries.size());
        for (ManifestEntry entry : entries) {
            lines.add(CaseBatchLines.read(entry, bundle.entry(entry)));
        }
        List<Receipt.SubmissionReceipt> receipts = new ArrayList<>(entries.size());
        for (int e = 0; e < entries.size(); e++) {
            receipts.add(pushEntry(entries.get(e), lines.get(e)));
        }
        return receipts;
    }

    private Receipt.SubmissionReceipt pushEntry(ManifestEntry entry, List<JsonNode> records) throws BundleRejectedException {
        RegionPrefix prefix = RegionPrefix.parse(entry.regionPrefix());
        List<Receipt.RecordOutcome> outcomes = new ArrayList<>(records.size());
        Map<String, Integer> counts = new TreeMap<>();
        for (int from = 0; from < records.size(); from += maxBatch) {
            List<JsonNode> chunk = records.subList(from, Math.min(records.size(), from + maxBatch));
            BatchResult result;
            try {
                result = cases.pushAcrossGap(entry.clientId(), prefix, chunk);
            } catch (ProblemException refused) {
                if (refused.type() == ProblemType.UNAVAILABLE) {
                    throw refused;
                }
                throw Rejection.BAD_PAYLOAD.because("entry " + entry.name() + " was refused by the case library: "
                        + refused.getMessage());
            }
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
