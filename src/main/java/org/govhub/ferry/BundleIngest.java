package org.govhub.ferry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The one place where a verified bundle's payload enters the node's own libraries, through the same
 * services a direct push uses. Runs inside the ingest transaction of {@link InboundLedger}: a
 * failure rolls everything back, so a bundle is ingested whole or not at all.
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

    @Transactional(value = Transactional.TxType.MANDATORY, rollbackOn = BundleRejectedException.class)
    public List<Receipt.SubmissionReceipt> ingest(VerifiedBundle bundle) throws BundleRejectedException {
        checkSupported(bundle.manifest());
        List<Receipt.SubmissionReceipt> receipts = new ArrayList<>();
        for (ManifestEntry entry : bundle.manifest().entries()) {
            throw Rejection.UNSUPPORTED_ENTRY_KIND.because("entry kind " + entry.kind().wireName() + " is not wired");
        }
        return receipts;
    }
}
