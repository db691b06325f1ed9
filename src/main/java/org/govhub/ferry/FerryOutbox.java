package org.govhub.ferry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.govhub.cases.CaseBatchListener;
import org.govhub.cases.CaseBatchListener.StoredVersion;
import org.govhub.common.HubClock;
import org.govhub.common.RegionPrefix;
import org.govhub.signing.Sm3;

/**
 * Where the external node's push path puts an accepted batch so that it crosses the gap. The case
 * library calls every {@link CaseBatchListener} inside the transaction that stores a batch's new
 * versions; this queues exactly those versions in the same transaction, so a batch is acknowledged
 * and queued, or neither. The submission id is the push's {@code batchId}, which the pusher already holds and later
 * asks about ({@code GET /api/v1/ferry/submissions/{batchId}}).
 */
@ApplicationScoped
public class FerryOutbox implements CaseBatchListener {
    private final HubClock clock;
    private final FerryNode node;

    public FerryOutbox(HubClock clock, FerryNode node) {
        this.clock = clock;
        this.node = node;
    }

    /**
     * True when accepted pushes on this node are to be carried across the gap: on the external node on
     * the case lane, on the internal node on the return lane when it packs it.
     */
    public boolean active() {
        return node.enabled() && node.caseVersionLane().isPresent();
    }

    /**
     * Queues the versions a push stored, in the push's transaction, when this node carries case
     * versions across the gap. Versions that themselves came across the gap are never queued, so
     * nothing echoes back to the side it came from.
     */
    @Override
    public void stored(Connection connection, StoredBatch batch) {
        if (active() && !batch.crossedGap() && !batch.versions().isEmpty()) {
            enqueueCases(batch.batchId(), batch.clientId(), batch.prefix(), ndjson(batch.versions()), batch.versions().size());
        }
    }

    /** One stored record per line, joined from the stored UTF-8 bytes (hashed as they are, decoded once to be stored). */
    private static byte[] ndjson(List<StoredVersion> versions) {
        int size = 0;
        for (StoredVersion v : versions) {
            size += v.recordUtf8().length + 1;
        }
        byte[] lines = new byte[size];
        int at = 0;
        for (StoredVersion v : versions) {
            System.arraycopy(v.recordUtf8(), 0, lines, at, v.recordUtf8().length);
            at += v.recordUtf8().length;
            lines[at++] = '\n';
        }
        return lines;
    }

    /**
     * Queues one accepted case batch.
     *
     * @param ndjson one case record per line, as accepted, in UTF-8
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public OutboxSubmission enqueueCases(String submissionId, String clientId, RegionPrefix regionPrefix, byte[] ndjson,
            int records) {
        return enqueue(node.caseVersionLane().orElseThrow(), EntryKind.CASE_BATCH, submissionId, clientId, regionPrefix,
                ndjson, records);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public OutboxSubmission enqueue(Lane lane, EntryKind kind, String submissionId, String clientId,
            RegionPrefix regionPrefix, byte[] payload, int records) {
        OutboxSubmission s = new OutboxSubmission();
        s.submissionId = submissionId == null ? UUID.randomUUID().toString() : submissionId;
        s.lane = lane.name();
        s.kind = kind.wireName();
        s.clientId = clientId;
        s.regionPrefix = regionPrefix.value();
        s.recordCount = records;
        s.payloadBytes = payload.length;
        s.payloadSm3 = Sm3.hex(Sm3.digest(payload));
        s.payload = new String(payload, StandardCharsets.UTF_8);
        s.acceptedAt = clock.instant();
        s.state = OutboxSubmission.ACCEPTED;
        s.persist();
        return s;
    }
}
