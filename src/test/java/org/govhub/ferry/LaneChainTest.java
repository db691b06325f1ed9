package org.govhub.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LaneChainTest {
    private final PeerNode peer = new PeerNode("ext");

    private BundleManifest manifest(long sequence, String previous) {
        PeerNode.Draft draft = peer.next("cases", sequence);
        draft.previousManifestSm3 = previous;
        return draft.manifest();
    }

    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);

    @Test
    void theNextSequenceLinkedToTheLastManifestIsIngested() {
        assertEquals(LaneChain.Decision.INGEST, LaneChain.decide(new LaneChain.State(4, A), manifest(5, A), B, Optional.empty()));
    }

    @Test
    void theFirstBundleLinksToTheGenesisDigest() {
        assertEquals(LaneChain.Decision.INGEST,
                LaneChain.decide(LaneChain.State.EMPTY, manifest(1, BundleManifest.GENESIS), A, Optional.empty()));
    }

    @Test
    void theNextSequenceLinkedElsewhereBreaksTheChain() {
        assertEquals(LaneChain.Decision.CHAIN_BROKEN, LaneChain.decide(new LaneChain.State(4, A), manifest(5, B), B, Optional.empty()));
    }

    @Test
    void aLaterSequenceIsHeld() {
        assertEquals(LaneChain.Decision.HOLD, LaneChain.decide(new LaneChain.State(4, A), manifest(7, B), B, Optional.empty()));
    }

    @Test
    void anIngestedBundleArrivingAgainIsAReplay() {
        assertEquals(LaneChain.Decision.REPLAY, LaneChain.decide(new LaneChain.State(4, A), manifest(3, B), B, Optional.of(B)));
    }

    @Test
    void anotherBundleClaimingAnIngestedSequenceIsAConflict() {
        assertEquals(LaneChain.Decision.SEQUENCE_CONFLICT,
                LaneChain.decide(new LaneChain.State(4, A), manifest(3, B), A, Optional.of(B)));
    }

    @Test
    void manifestsNameTheirBundleFile() {
        assertEquals("cases-000000000042.zip", manifest(42, A).name().fileName());
        assertEquals(List.of(), manifest(42, A).entries());
    }
}
