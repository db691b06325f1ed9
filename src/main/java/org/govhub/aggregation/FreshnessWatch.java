package org.govhub.aggregation;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Looks for sources that turned overdue and raises their alerts, on {@code hub.aggregation.freshness-check-every}. */
@ApplicationScoped
public class FreshnessWatch {
    private final FreshnessRegistry registry;

    public FreshnessWatch(FreshnessRegistry registry) {
        this.registry = registry;
    }

    @Scheduled(every = "{hub.aggregation.freshness-check-every}", delayed = "30s", identity = "freshness-watch",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        registry.raiseAlerts();
    }
}
