package org.govhub.ferry;

import java.io.Serializable;
import java.util.Objects;

/** Composite key (lane, direction) of {@link LaneState}. */
public class LaneKey implements Serializable {
    public String lane;
    public String direction;

    public LaneKey() {
    }

    public LaneKey(String lane, String direction) {
        this.lane = lane;
        this.direction = direction;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LaneKey k && Objects.equals(lane, k.lane) && Objects.equals(direction, k.direction);
    }

    @Override
    public int hashCode() {
        return Objects.hash(lane, direction);
    }
}
