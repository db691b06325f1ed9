package org.govhub.cases;

import java.time.Instant;
import java.util.List;
import org.govhub.common.RegionPrefix;

/**
 * Fired synchronously inside the transaction that stores a batch's new versions (created or updated),
 * so an observer can add its own rows to the same transaction: the gap crossing queues the versions
 * for the private network in its outbox (org.govhub.ferry.FerryOutbox). Not fired when a batch stores
 * nothing (all unchanged, stale or rejected).
 *
 * @param records the canonical JSON of each stored version, in the order stored (case number, version)
 */
public record CasesStored(String batchId, String clientId, RegionPrefix regionPrefix, Instant receivedAt,
        List<String> records) {
}
