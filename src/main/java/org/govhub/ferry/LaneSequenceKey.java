package org.govhub.ferry;

import java.io.Serializable;
import java.util.Objects;

/** Composite key (lane, sequence) of {@link InboundBundle} and {@link HeldBundle}. */
public class LaneSequenceKey implements Serializable {
    public String lane;
    public long sequence;

    public LaneSequenceKey() {
    }

    public LaneSequenceKey(String lane, long sequence) {
        this.lane = lane;
        this.sequence = sequence;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LaneSequenceKey k && Objects.equals(lane, k.lane) && sequence == k.sequence;
    }

    @Override
    public int hashCode() {
        return Objects.hash(lane, sequence);
    }
}
