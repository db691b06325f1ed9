package org.govhub.ferry;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Seals every bundle that is due, lane by lane, one transaction per bundle (external node). */
@ApplicationScoped
public class BundlePacker {
    private static final Logger LOG = Logger.getLogger(BundlePacker.class);
    private final FerryNode node;
    private final OutboundLedger ledger;
    private final MeterRegistry metrics;

    public BundlePacker(FerryNode node, OutboundLedger ledger, MeterRegistry metrics) {
        this.node = node;
        this.ledger = ledger;
        this.metrics = metrics;
    }

    public int packDue() {
        int sealed = 0;
        for (Lane lane : node.packLanes()) {
            OutboundBundle bundle;
            while ((bundle = ledger.packOne(lane)) != null) {
                sealed++;
                metrics.counter("govhub.ferry.bundles", "lane", lane.name(), "outcome", "sealed").increment();
                LOG.debugf("sealed %s: %d records", bundle.fileName, bundle.recordCount);
            }
        }
        return sealed;
    }
}
