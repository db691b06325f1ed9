package org.govhub.aggregation;

import java.time.Instant;
import java.util.List;

/**
 * What an operator checks on a node of the aggregation chain: how much waits to go upstream (and
 * why the last attempt failed), and how far each downstream feed has been read.
 */
public record AggregationStatus(String nodeId, String tier, Upstream upstream, List<Downstream> downstreams) {

    /** {@code url} is null when the node has no upstream; the counts are of outbox rows. */
    public record Upstream(String url, long pending, Instant oldestPendingAt, String lastError, long sent) {
    }

    public record Downstream(String name, String url, String regionPrefix, long cursor, long entries, Instant updatedAt) {
    }
}
