package org.govhub.aggregation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import org.govhub.common.HubConfig;

/** Reads the state of forwarding and pulling for {@code GET /api/v1/aggregation/status}. */
@ApplicationScoped
public class AggregationMonitor {
    private final HubConfig config;

    public AggregationMonitor(HubConfig config) {
        this.config = config;
    }

    @Transactional
    public AggregationStatus status() {
        OutboxEntry oldest = OutboxEntry.find("sentAt is null order by id").firstResult();
        AggregationStatus.Upstream upstream = new AggregationStatus.Upstream(config.upstream().url().orElse(null),
                OutboxEntry.pendingCount(), oldest == null ? null : oldest.createdAt, oldest == null ? null : oldest.lastError,
                OutboxEntry.count("sentAt is not null"));
        List<AggregationStatus.Downstream> downstreams = new ArrayList<>();
        config.aggregation().downstreams().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e -> {
            PullCursor cursor = PullCursor.findById(e.getKey());
            downstreams.add(new AggregationStatus.Downstream(e.getKey(), e.getValue().url(), e.getValue().regionPrefix(),
                    cursor == null ? 0 : cursor.position, cursor == null ? 0 : cursor.entries,
                    cursor == null ? null : cursor.updatedAt));
        });
        return new AggregationStatus(config.nodeId(), config.tier().name(), upstream, downstreams);
    }
}
