package org.govhub.aggregation;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.govhub.cases.CaseBatchListener;

/**
 * Ties every stored case batch to aggregation, in the batch's own transaction: each version written
 * gets its outbox row when this node has an upstream (payload: the record as stored with its
 * {@code origin}), and a push counts as a report of the pushing platform for the 24-hour rule. (A
 * pulled page records its downstream's report and cursor itself, see {@link DownstreamPuller}.)
 */
@ApplicationScoped
public class CaseForwarding implements CaseBatchListener {
    private final UpstreamLink upstream;
    private final UpstreamOutbox outbox;
    private final FreshnessRegistry freshness;

    public CaseForwarding(UpstreamLink upstream, UpstreamOutbox outbox, FreshnessRegistry freshness) {
        this.upstream = upstream;
        this.outbox = outbox;
        this.freshness = freshness;
    }

    @Override
    public void stored(Connection connection, StoredBatch batch) throws SQLException {
        if (upstream.configured() && !batch.versions().isEmpty()) {
            List<UpstreamOutbox.Item> items = batch.versions().stream()
                    .map(v -> new UpstreamOutbox.Item(OutboxEntry.CASE, v.caseNo() + "/" + v.dataVersion(), payload(v)))
                    .toList();
            outbox.enqueue(connection, items, batch.receivedAt());
        }
        if (batch.pulled() == null) {
            freshness.reported(connection, SourceKind.PLATFORM, batch.clientId(), batch.prefix().value(), batch.receivedAt());
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
