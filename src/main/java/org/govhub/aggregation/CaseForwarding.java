package org.govhub.aggregation;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.govhub.cases.CaseBatchListener;

/**
 * Ties every stored case batch to forwarding, in the batch's own transaction: each version written
 * gets its outbox row when this node has an upstream (payload: the record as stored with its
 * {@code origin}). The push's report for the 24-hour rule is {@link PushFreshness}.
 */
@ApplicationScoped
public class CaseForwarding implements CaseBatchListener {
    private final UpstreamLink upstream;
    private final UpstreamOutbox outbox;

    public CaseForwarding(UpstreamLink upstream, UpstreamOutbox outbox) {
        this.upstream = upstream;
        this.outbox = outbox;
    }

    @Override
    public void stored(Connection connection, StoredBatch batch) throws SQLException {
        if (upstream.configured() && !batch.versions().isEmpty()) {
            List<UpstreamOutbox.Item> items = batch.versions().stream()
                    .map(v -> new UpstreamOutbox.Item(OutboxEntry.CASE, v.caseNo() + "/" + v.dataVersion(), payload(v)))
                    .toList();
            outbox.enqueue(connection, items, batch.receivedAt());
        }
    }

    /** The record exactly as stored (canonical JSON, an object) with its origin as the first member. */
    static String payload(StoredVersion version) {
        String record = version.recordJson();
        if (version.originJson() == null) {
            return record;
        }
        return "{\"origin\":" + version.originJson() + (record.length() > 2 ? "," + record.substring(1) : "}");
    }
}
