package org.govhub.aggregation;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import org.govhub.cases.CaseBatchListener;

/**
 * A push counts as a report of the pushing platform for the 24-hour rule, in the push's own
 * transaction. (A pulled page records its downstream's report and cursor itself, see
 * {@link DownstreamPuller}.) The platform's row is shared by all its concurrent batches and stays
 * locked from this update to the commit, so this listener runs after the others: taken earlier, the
 * lock would make a platform's parallel pushes wait for each other's outbox writes.
 */
@ApplicationScoped
@Priority(CaseBatchListener.SHARED_ROW_PRIORITY)
public class PushFreshness implements CaseBatchListener {
    private final FreshnessRegistry freshness;

    public PushFreshness(FreshnessRegistry freshness) {
        this.freshness = freshness;
    }

    @Override
    public void stored(Connection connection, StoredBatch batch) throws SQLException {
        if (batch.pulled() == null) {
            freshness.reported(connection, SourceKind.PLATFORM, batch.clientId(), batch.prefix().value(), batch.receivedAt());
        }
    }
}
