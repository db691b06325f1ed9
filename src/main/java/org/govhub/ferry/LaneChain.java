package org.govhub.ferry;

import java.util.Optional;

/**
 * Where a verified bundle stands in its lane, given what the receiver has already ingested: the
 * next one (and linked to the last manifest), one from the future (hold it), or one from the past
 * (a replay, or a different bundle claiming a used sequence). Plain Java.
 */
public final class LaneChain {
    public enum Decision { INGEST, HOLD, REPLAY, SEQUENCE_CONFLICT, CHAIN_BROKEN }

    /** The receiver's view of a lane: last ingested sequence and its manifest digest. */
    public record State(long lastSequence, String lastManifestSm3) {
        public static final State EMPTY = new State(0, BundleManifest.GENESIS);
    }

    private LaneChain() {
    }

    /**
     * @param ingestedSm3AtSequence the manifest digest recorded for this bundle's sequence when it is
     *                              at or below the last ingested one
     */
    public static Decision decide(State state, BundleManifest manifest, String manifestSm3,
            Optional<String> ingestedSm3AtSequence) {
        long seq = manifest.sequence();
        if (seq <= state.lastSequence()) {
            return ingestedSm3AtSequence.filter(manifestSm3::equals).isPresent()
                    ? Decision.REPLAY : Decision.SEQUENCE_CONFLICT;
        }
        if (seq > state.lastSequence() + 1) {
            return Decision.HOLD;
        }
        return manifest.previousManifestSm3().equals(state.lastManifestSm3()) ? Decision.INGEST : Decision.CHAIN_BROKEN;
    }
}
