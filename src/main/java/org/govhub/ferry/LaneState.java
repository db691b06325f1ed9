package org.govhub.ferry;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;

/** Head of a lane's sequence and hash chain, on the sending side ({@code out}) or the receiving side ({@code in}). */
@Entity
@Table(name = "ferry_lane")
@IdClass(LaneKey.class)
public class LaneState extends PanacheEntityBase {
    public static final String OUT = "out";
    public static final String IN = "in";

    @Id
    public String lane;

    @Id
    public String direction;

    @Column(name = "last_sequence")
    public long lastSequence;

    @Column(name = "last_manifest_sm3")
    public String lastManifestSm3;

    @Column(name = "last_at")
    public Instant lastAt;

    @Column(name = "gap_alerted_at")
    public Instant gapAlertedAt;

    @Column(name = "resend_requested_at")
    public Instant resendRequestedAt;

    public LaneChain.State chainState() {
        return new LaneChain.State(lastSequence, lastManifestSm3);
    }

    /** The lane's row, locked for the rest of the transaction; created at the genesis state when new. */
    public static LaneState lockOrCreate(String lane, String direction) {
        LaneKey key = new LaneKey(lane, direction);
        LaneState state = findById(key, LockModeType.PESSIMISTIC_WRITE);
        if (state == null) {
            state = new LaneState();
            state.lane = lane;
            state.direction = direction;
            state.lastSequence = 0;
            state.lastManifestSm3 = BundleManifest.GENESIS;
            state.persistAndFlush();
            state = findById(key, LockModeType.PESSIMISTIC_WRITE);
        }
        return state;
    }

    public static LaneChain.State current(String lane, String direction) {
        LaneState state = findById(new LaneKey(lane, direction));
        return state == null ? LaneChain.State.EMPTY : state.chainState();
    }
}
