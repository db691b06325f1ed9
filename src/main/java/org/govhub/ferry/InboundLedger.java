package org.govhub.ferry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.govhub.audit.AuditEntry;
import org.govhub.audit.AuditLog;
import org.govhub.common.HubClock;

/**
 * The internal node's record of its lanes: which bundle comes next, what was ingested, what is held,
 * and what was quarantined. Every decision that changes state is one transaction together with the
 * receipt it produces, so a crash either leaves the bundle to be processed again or fully recorded.
 */
@ApplicationScoped
public class InboundLedger {
    private final HubClock clock;
    private final ReturnOutbox returns;
    private final FerryAlerts alerts;
    private final AuditLog audit;
    private final FerryNode node;

    public InboundLedger(HubClock clock, ReturnOutbox returns, FerryAlerts alerts, AuditLog audit, FerryNode node) {
        this.clock = clock;
        this.returns = returns;
        this.alerts = alerts;
        this.audit = audit;
        this.node = node;
    }

    @Transactional
    public LaneChain.Decision decide(VerifiedBundle bundle) {
        String lane = bundle.name().lane().name();
        Optional<String> recorded = Optional.ofNullable(
                InboundBundle.<InboundBundle>findById(new LaneSequenceKey(lane, bundle.name().sequence())))
                .map(b -> b.manifestSm3);
        return LaneChain.decide(LaneState.current(lane, LaneState.IN), bundle.manifest(), bundle.manifestSm3(), recorded);
    }

    /** Re-checks, just before ingest, that the bundle is still the next of its lane and linked to its head. */
    @Transactional(rollbackOn = BundleRejectedException.class)
    public void checkNext(VerifiedBundle bundle) throws BundleRejectedException {
        String lane = bundle.name().lane().name();
        LaneChain.State state = LaneState.current(lane, LaneState.IN);
        if (bundle.name().sequence() != state.lastSequence() + 1) {
            throw Rejection.SEQUENCE_CONFLICT.because("lane " + lane + " is at sequence " + state.lastSequence()
                    + "; bundle " + bundle.name().sequence() + " is not the next one");
        }
        if (!bundle.manifest().previousManifestSm3().equals(state.lastManifestSm3())) {
            throw chainBroken(bundle, state.lastManifestSm3());
        }
    }

    /**
     * Records an ingested bundle: the bundle row, the lane head, the receipt to send back and an audit
     * row, in one transaction, under the lane lock. Until this commits, the bundle is not ingested as
     * far as the ferry is concerned and will be run again (the payload pushes are idempotent).
     */
    @Transactional(rollbackOn = BundleRejectedException.class)
    public Receipt recordIngested(VerifiedBundle bundle, List<Receipt.SubmissionReceipt> submissions)
            throws BundleRejectedException {
        String lane = bundle.name().lane().name();
        LaneState state = LaneState.lockOrCreate(lane, LaneState.IN);
        long seq = bundle.name().sequence();
        if (seq != state.lastSequence + 1) {
            throw Rejection.SEQUENCE_CONFLICT.because("lane " + lane + " moved to sequence " + state.lastSequence
                    + " while bundle " + seq + " was being ingested");
        }
        if (!bundle.manifest().previousManifestSm3().equals(state.lastManifestSm3)) {
            throw chainBroken(bundle, state.lastManifestSm3);
        }
        Instant now = clock.instant();
        Receipt receipt = new Receipt(bundle.name().fileName(), lane, seq, bundle.manifest().bundleId(),
                bundle.manifestSm3(), Receipt.Status.accepted, null, null, now, submissions);
        ReturnMessage message = returns.storeReceipt(receipt);

        InboundBundle in = new InboundBundle();
        in.lane = lane;
        in.sequence = seq;
        in.bundleId = bundle.manifest().bundleId();
        in.manifestSm3 = bundle.manifestSm3();
        in.sourceNode = bundle.manifest().sourceNode();
        in.recordCount = bundle.manifest().recordCount();
        in.ingestedAt = now;
        in.receiptId = message.messageId();
        in.persist();

        state.lastSequence = seq;
        state.lastManifestSm3 = bundle.manifestSm3();
        state.lastAt = now;
        state.gapAlertedAt = null;
        state.resendRequestedAt = null;
        HeldBundle.deleteById(new LaneSequenceKey(lane, seq));
        audit.recordAs("node:" + node.nodeId(), AuditEntry.of("ferry.ingest", "ferry-bundle",
                bundle.name().fileName(), "accepted"));
        return receipt;
    }

    @Transactional
    public BundleRejectedException chainBroken(VerifiedBundle bundle) {
        return chainBroken(bundle, LaneState.current(bundle.name().lane().name(), LaneState.IN).lastManifestSm3());
    }

    static BundleRejectedException chainBroken(VerifiedBundle bundle, String lastSm3) {
        return Rejection.CHAIN_BROKEN.because("bundle " + bundle.name().sequence() + " links to manifest "
                + bundle.manifest().previousManifestSm3() + " but the last ingested manifest of lane "
                + bundle.name().lane() + " is " + lastSm3);
    }

    /** Parks a bundle whose predecessor is missing. Returns false when a different bundle already holds that place. */
    @Transactional
    public boolean hold(VerifiedBundle bundle) {
        LaneSequenceKey key = new LaneSequenceKey(bundle.name().lane().name(), bundle.name().sequence());
        HeldBundle held = HeldBundle.findById(key);
        if (held != null) {
            return held.manifestSm3.equals(bundle.manifestSm3());
        }
        held = new HeldBundle();
        held.lane = key.lane;
        held.sequence = key.sequence;
        held.fileName = bundle.name().fileName();
        held.manifestSm3 = bundle.manifestSm3();
        held.heldSince = clock.instant();
        held.persist();
        return true;
    }

    /** The sequence this node expects next in a lane. */
    @Transactional
    public long nextSequence(String lane) {
        return LaneState.current(lane, LaneState.IN).lastSequence() + 1;
    }

    /** The held bundle that is next in its lane, if any. */
    @Transactional
    public Optional<HeldBundle> nextHeld(String lane) {
        return Optional.ofNullable(HeldBundle.findById(new LaneSequenceKey(lane, nextSequence(lane))));
    }

    @Transactional
    public void releaseHeld(String lane, long sequence) {
        HeldBundle.deleteById(new LaneSequenceKey(lane, sequence));
    }

    /**
     * Records a refused file: an alert and a quarantine receipt, so the sender learns of it. What is
     * known of the file (lane, sequence, manifest digest) is reported when it could be read.
     */
    @Transactional
    public void quarantined(String fileName, VerifiedBundle bundle, BundleRejectedException why) {
        Optional<BundleName> name = bundle != null ? Optional.of(bundle.name()) : BundleName.parse(fileName);
        String lane = name.map(n -> n.lane().name()).orElse(null);
        Long sequence = name.map(BundleName::sequence).orElse(null);
        alerts.raise(FerryAlert.QUARANTINE, lane, sequence, fileName, why.reason(), why.detail());
        if (why.reason() == Rejection.REPLAY && bundle != null) {
            InboundBundle earlier = InboundBundle.findById(new LaneSequenceKey(lane, sequence));
            if (earlier != null) {
                returns.reissue(earlier.receiptId);
                return;
            }
        }
        returns.storeReceipt(new Receipt(fileName, lane, sequence, bundle == null ? null : bundle.manifest().bundleId(),
                bundle == null ? null : bundle.manifestSm3(), Receipt.Status.quarantined, why.reason().code(),
                why.detail(), clock.instant(), null));
    }

    /**
     * Looks at every lane with held bundles: past the hold timeout, raises one alert per gap and asks
     * the sender for the missing range (again after each further timeout).
     */
    @Transactional
    public int watchHolds() {
        Instant now = clock.instant();
        int requests = 0;
        List<String> lanes = HeldBundle.<HeldBundle>listAll().stream().map(h -> h.lane).distinct().toList();
        for (String lane : lanes) {
            LaneState state = LaneState.lockOrCreate(lane, LaneState.IN);
            HeldBundle first = HeldBundle.<HeldBundle>find("lane = ?1 order by sequence", lane).firstResult();
            Instant oldest = HeldBundle.<HeldBundle>find("lane = ?1 order by heldSince", lane).firstResult().heldSince;
            if (first == null || first.sequence <= state.lastSequence + 1) {
                continue;
            }
            if (oldest.plus(node.settings().holdTimeout()).isAfter(now)) {
                continue;
            }
            long from = state.lastSequence + 1;
            long to = first.sequence - 1;
            long heldCount = HeldBundle.count("lane", lane);
            if (state.gapAlertedAt == null) {
                alerts.raise(FerryAlert.HOLD_TIMEOUT, lane, from, null, "sequence-missing",
                        "lane " + lane + ": sequence " + (from == to ? from : from + ".." + to) + " missing since "
                                + oldest + "; " + heldCount + " later bundle(s) held; resend requested");
                state.gapAlertedAt = now;
            }
            if (state.resendRequestedAt == null || !state.resendRequestedAt.plus(node.settings().holdTimeout()).isAfter(now)) {
                returns.storeResendRequest(new ResendRequest(lane, from, to,
                        "sequence missing for longer than " + node.settings().holdTimeout()));
                state.resendRequestedAt = now;
                requests++;
            }
        }
        return requests;
    }
}
