package org.govhub.ferry;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.function.ToDoubleFunction;

/**
 * The status figures as gauges in {@code /q/metrics} (per lane: last sequence sent, receipted and
 * received, pending submissions, unreceipted, held and quarantined bundles, oldest unreceipted age),
 * read from one snapshot refreshed at most once a second. Registered only when the ferry is enabled.
 */
@ApplicationScoped
public class FerryMetrics {
    private static final Duration FRESH = Duration.ofSeconds(1);
    private final FerryStatus status;
    private final FerryNode node;
    private volatile FerryStatus.NodeFigures snapshot;
    private volatile Instant takenAt = Instant.EPOCH;

    public FerryMetrics(FerryStatus status, FerryNode node) {
        this.status = status;
        this.node = node;
    }

    void register(@Observes StartupEvent start, MeterRegistry registry) {
        if (!node.enabled()) {
            return;
        }
        for (Lane lane : node.lanes()) {
            String name = lane.name();
            gauge(registry, "govhub.ferry.last.sequence", name, "stage", "sent", f -> orZero(f.lastSequenceSent()));
            gauge(registry, "govhub.ferry.last.sequence", name, "stage", "receipted", f -> orZero(f.lastSequenceReceipted()));
            gauge(registry, "govhub.ferry.last.sequence", name, "stage", "received", f -> orZero(f.lastSequenceReceived()));
            gauge(registry, "govhub.ferry.pending.submissions", name, null, null, FerryStatus.LaneFigures::pendingSubmissions);
            gauge(registry, "govhub.ferry.unreceipted.bundles", name, null, null, FerryStatus.LaneFigures::unreceiptedBundles);
            gauge(registry, "govhub.ferry.held.bundles", name, null, null, FerryStatus.LaneFigures::held);
            gauge(registry, "govhub.ferry.quarantined.bundles", name, null, null, FerryStatus.LaneFigures::quarantined);
            gauge(registry, "govhub.ferry.oldest.unreceipted.seconds", name, null, null,
                    f -> orZero(f.oldestUnreceiptedAgeSeconds()));
        }
    }

    private void gauge(MeterRegistry registry, String metric, String lane, String tag, String value,
            ToDoubleFunction<FerryStatus.LaneFigures> figure) {
        Gauge.Builder<FerryMetrics> builder = Gauge.builder(metric, this, m -> m.lane(lane).map(figure::applyAsDouble)
                .orElse(Double.NaN)).tag("lane", lane);
        if (tag != null) {
            builder.tag(tag, value);
        }
        builder.register(registry);
    }

    private java.util.Optional<FerryStatus.LaneFigures> lane(String lane) {
        return current().lanes().stream().filter(f -> f.lane().equals(lane)).findFirst();
    }

    private synchronized FerryStatus.NodeFigures current() {
        Instant now = Instant.now();
        if (snapshot == null || takenAt.plus(FRESH).isBefore(now)) {
            snapshot = status.figures();
            takenAt = now;
        }
        return snapshot;
    }

    private static double orZero(Long value) {
        return value == null ? 0 : value;
    }
}
