package org.govhub.ferry;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The one place where a verified bundle's payload enters the node's own libraries, through the same
 * services a direct push uses. Those services run their own transactions and are idempotent, so this
 * runs outside any ferry transaction: the bundle is recorded as ingested only afterwards
 * ({@link InboundLedger#recordIngested}), and an interrupted run is simply run again.
 */
@ApplicationScoped
public class BundleIngest {
    private static final Set<EntryKind> SUPPORTED = EnumSet.noneOf(EntryKind.class);

    /** Refuses a bundle carrying an entry kind this node cannot ingest yet, before anything is written. */
    public void checkSupported(BundleManifest manifest) throws BundleRejectedException {
        for (ManifestEntry entry : manifest.entries()) {
            if (!SUPPORTED.contains(entry.kind())) {
                throw Rejection.UNSUPPORTED_ENTRY_KIND.because("entry " + entry.name() + " is a " + entry.kind().wireName()
                        + ", which this node does not ingest");
            }
        }
    }

    public List<Receipt.SubmissionReceipt> ingest(VerifiedBundle bundle) throws BundleRejectedException {
        checkSupported(bundle.manifest());
        List<Receipt.SubmissionReceipt> receipts = new ArrayList<>();
        for (ManifestEntry entry : bundle.manifest().entries()) {
            throw Rejection.UNSUPPORTED_ENTRY_KIND.because("entry kind " + entry.kind().wireName() + " is not wired");
        }
        return receipts;
    }
}
