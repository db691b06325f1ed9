package org.govhub.cases;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.govhub.common.RegionPrefix;

/**
 * Work that must commit or roll back with a stored batch (issue 7: the forwarding outbox, the
 * reporting freshness of the pusher, the cursor of a pulled feed). Every CDI bean implementing it is
 * called by {@link CaseStore} inside the batch's transaction, on the batch's connection, after the
 * versions are written; a pull adds its own for that one batch. An exception rolls the batch back.
 * Listeners run in {@code @Priority} order, highest first (unannotated ones have 0).
 */
public interface CaseBatchListener {

    /**
     * {@code @Priority} of a listener that updates a row shared by concurrent batches, which then stays
     * locked until the commit: it runs after the listeners that write only rows of their own batch.
     */
    int SHARED_ROW_PRIORITY = -1000;

    void stored(Connection connection, StoredBatch batch) throws SQLException;

    /**
     * A batch as stored: its id (the push's batchId), who delivered it, when, and the versions it wrote (created or updated; none
     * when every record was unchanged, stale or rejected). {@code pulled} names the downstream hub
     * whose feed delivered the batch, or is null for a push. {@code crossedGap} is true when the batch
     * is the payload of a ferry bundle that came across the network gap (so it must not be sent back).
     */
    record StoredBatch(String batchId, String clientId, RegionPrefix prefix, Instant receivedAt, String pulled,
            List<StoredVersion> versions, boolean crossedGap) {
        public StoredBatch(String batchId, String clientId, RegionPrefix prefix, Instant receivedAt, String pulled,
                List<StoredVersion> versions) {
            this(batchId, clientId, prefix, receivedAt, pulled, versions, false);
        }
    }

    /**
     * One version written: its canonical record JSON (as UTF-8, decoded only for a listener that asks) and
     * its origin JSON ({@link CaseOrigin}).
     */
    record StoredVersion(String caseNo, long dataVersion, String regionCode, byte[] recordUtf8, String originJson) {
        public String recordJson() {
            return new String(recordUtf8, StandardCharsets.UTF_8);
        }
    }
}
