package org.govhub.ferry;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import org.govhub.common.HubClock;
import org.jboss.logging.Logger;

/**
 * Takes one bundle file from the inbox to its place (internal node): verified and next in its lane →
 * ingested and moved to {@code done/}, then any held successors are released; from the future →
 * {@code held/}; anything wrong → {@code quarantine/} with a reason file, an alert and a quarantine
 * receipt. Nothing of a refused bundle is ingested. The ferry-inbound route calls it per file.
 */
@ApplicationScoped
public class BundleIntake {
    private static final Logger LOG = Logger.getLogger(BundleIntake.class);

    public enum Outcome { INGESTED, HELD, QUARANTINED }

    private final FerryNode node;
    private final TrustedPeer peer;
    private final InboundLedger ledger;
    private final BundleIngest ingest;
    private final FerryFolders folders;
    private final HubClock clock;
    private final MeterRegistry metrics;

    public BundleIntake(FerryNode node, TrustedPeer peer, InboundLedger ledger, BundleIngest ingest, FerryFolders folders,
            HubClock clock, MeterRegistry metrics) {
        this.ingest = ingest;
        this.node = node;
        this.peer = peer;
        this.ledger = ledger;
        this.folders = folders;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Processes one file from the inbox. */
    public synchronized Outcome accept(Path file) {
        VerifiedBundle bundle;
        try {
            bundle = verifier().verify(file);
            if (!node.ingestLanes().contains(bundle.name().lane())) {
                throw Rejection.UNKNOWN_LANE.because("lane " + bundle.name().lane() + " is not one of this node's lanes "
                        + node.ingestLanes());
            }
        } catch (BundleRejectedException why) {
            return quarantine(file, null, why);
        }
        Outcome outcome = place(bundle);
        if (outcome == Outcome.INGESTED) {
            releaseHeld(bundle.name().lane().name());
        }
        return outcome;
    }

    /**
     * Takes again the next bundle of a lane when it is already in {@code done/} although the ledger does
     * not record it: the database lost its last commits (an embedded database killed before flushing)
     * or was restored from a backup older than the folder. Ingest is idempotent, so taking it again
     * stores nothing twice; without this the lane would wait for a resend the sender never makes,
     * since it already sees the bundle as delivered until its resend timeout.
     */
    public synchronized boolean retakeForgotten(String lane) {
        Path file = folders.done().resolve(new BundleName(Lane.parse(lane), ledger.nextSequence(lane)).fileName());
        if (!Files.exists(file)) {
            return false;
        }
        VerifiedBundle bundle;
        try {
            bundle = verifier().verify(file);
        } catch (BundleRejectedException why) {
            LOG.warnf("bundle %s in done/ is not recorded as ingested and no longer verifies (%s); waiting for a resend",
                    file, why.getMessage());
            return false;
        }
        if (ledger.decide(bundle) != LaneChain.Decision.INGEST) {
            return false;
        }
        LOG.warnf("bundle %s is in done/ but not recorded as ingested; taking it again", bundle.name());
        return place(bundle) == Outcome.INGESTED;
    }

    /** Ingests held bundles of a lane for as long as the next one is waiting in {@code held/}. */
    public synchronized int releaseHeld(String lane) {
        int released = 0;
        while (true) {
            var next = ledger.nextHeld(lane);
            if (next.isEmpty()) {
                return released;
            }
            Path file = folders.held().resolve(next.get().fileName);
            if (!Files.exists(file)) {
                LOG.warnf("held bundle %s is recorded but its file is gone; waiting for a resend", file);
                ledger.releaseHeld(lane, next.get().sequence);
                return released;
            }
            VerifiedBundle bundle;
            try {
                bundle = verifier().verify(file);
            } catch (BundleRejectedException why) {
                quarantine(file, null, why);
                ledger.releaseHeld(lane, next.get().sequence);
                return released;
            }
            if (place(bundle) != Outcome.INGESTED) {
                ledger.releaseHeld(lane, next.get().sequence);
                return released;
            }
            released++;
        }
    }

    private Outcome place(VerifiedBundle bundle) {
        Path file = bundle.file();
        switch (ledger.decide(bundle)) {
            case HOLD -> {
                if (!ledger.hold(bundle)) {
                    return quarantine(file, bundle, Rejection.SEQUENCE_CONFLICT.because("a different bundle with sequence "
                            + bundle.name().sequence() + " of lane " + bundle.name().lane() + " is already held"));
                }
                folders.moveInto(file, folders.held());
                metrics.counter("govhub.ferry.bundles", "lane", bundle.name().lane().name(), "outcome", "held").increment();
                LOG.infof("bundle %s held: an earlier sequence of its lane is missing", bundle.name());
                return Outcome.HELD;
            }
            case REPLAY -> {
                return quarantine(file, bundle, Rejection.REPLAY.because("lane " + bundle.name().lane() + " sequence "
                        + bundle.name().sequence() + " (manifest " + bundle.manifestSm3() + ") was already ingested"));
            }
            case SEQUENCE_CONFLICT -> {
                return quarantine(file, bundle, Rejection.SEQUENCE_CONFLICT.because("lane " + bundle.name().lane()
                        + " sequence " + bundle.name().sequence() + " was already ingested with a different manifest"));
            }
            case CHAIN_BROKEN -> {
                return quarantine(file, bundle, ledger.chainBroken(bundle));
            }
            default -> {
                try {
                    ledger.checkNext(bundle);
                    Receipt receipt = ledger.recordIngested(bundle, ingest.ingest(bundle));
                    folders.moveInto(file, folders.done());
                    metrics.counter("govhub.ferry.bundles", "lane", bundle.name().lane().name(), "outcome", "ingested")
                            .increment();
                    metrics.counter("govhub.ferry.records.ingested", "lane", bundle.name().lane().name())
                            .increment(bundle.manifest().recordCount());
                    LOG.infof("bundle %s ingested: %d records in %d submissions", bundle.name(),
                            bundle.manifest().recordCount(), receipt.submissions().size());
                    return Outcome.INGESTED;
                } catch (BundleRejectedException why) {
                    return quarantine(file, bundle, why);
                }
            }
        }
    }

    private Outcome quarantine(Path file, VerifiedBundle bundle, BundleRejectedException why) {
        String fileName = file.getFileName().toString();
        ledger.quarantined(fileName, bundle, why);
        folders.quarantine(file, folders.quarantine(), why, clock.instant());
        Lane lane = bundle != null ? bundle.name().lane() : BundleName.parse(fileName).map(BundleName::lane).orElse(null);
        // Only configured lanes become metric tags: file names are chosen by whoever writes into the gap.
        String tag = lane != null && node.lanes().contains(lane) ? lane.name() : "other";
        metrics.counter("govhub.ferry.bundles", "lane", tag, "outcome", "quarantined").increment();
        return Outcome.QUARANTINED;
    }

    private BundleVerifier verifier() {
        return new BundleVerifier(peer.key(), node.limits(), node.zone());
    }
}
