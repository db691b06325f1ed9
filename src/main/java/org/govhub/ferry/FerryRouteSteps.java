package org.govhub.ferry;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.File;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The named steps the YAML routes in {@code camel-routes/ferry-*.yaml} call ({@code process: ref: …}).
 * Each adapts an exchange to one service method; the services know nothing of Camel and are tested
 * without it.
 */
@ApplicationScoped
public class FerryRouteSteps {
    /** Header naming what a written file stands for (bundle id or return message id). */
    public static final String REFERENCE = "ferryReference";

    private static final int RETURN_BATCH = 50;

    @Produces
    @Singleton
    @Unremovable
    @Named("bundlePacker")
    Processor bundlePacker(BundlePacker packer) {
        return exchange -> packer.packDue();
    }

    @Produces
    @Singleton
    @Unremovable
    @Named("bundlesToShip")
    Processor bundlesToShip(OutboundLedger ledger, FerryNode node) {
        return exchange -> exchange.getIn().setBody(ledger.toShip(node.settings().shipBatch()));
    }

    @Produces
    @Singleton
    @Unremovable
    @Named("bundleShipped")
    Processor bundleShipped(OutboundLedger ledger) {
        return exchange -> ledger.shipped(exchange.getIn().getHeader(REFERENCE, String.class));
    }

    @Produces
    @Singleton
    @Unremovable
    @Named("bundleIntake")
    Processor bundleIntake(GapIntake intake) {
        return exchange -> intake.accept(file(exchange));
    }

    @Produces
    @Singleton
    @Unremovable
    @Named("heldBundleWatch")
    Processor heldBundleWatch(InboundLedger ledger, BundleIntake intake, FerryNode node) {
        return exchange -> {
            for (Lane lane : node.ingestLanes()) {
                while (intake.retakeForgotten(lane.name())) {
                    // one forgotten bundle per pass; held successors are released below
                }
                intake.releaseHeld(lane.name());
            }
            ledger.watchHolds();
        };
    }

    @Produces
    @Singleton
    @Unremovable
    @Named("pendingReturnMessages")
    Processor pendingReturnMessages(ReturnOutbox returns) {
        return exchange -> exchange.getIn().setBody(returns.pending(RETURN_BATCH));
    }

    @Produces
    @Singleton
    @Unremovable
    @Named("returnMessageWritten")
    Processor returnMessageWritten(ReturnOutbox returns) {
        return exchange -> returns.written(exchange.getIn().getHeader(REFERENCE, String.class));
    }

    @Produces
    @Singleton
    @Unremovable
    @Named("returnIntake")
    Processor returnIntake(GapIntake intake) {
        return exchange -> intake.accept(file(exchange));
    }

    private static java.nio.file.Path file(Exchange exchange) {
        return exchange.getIn().getBody(File.class).toPath();
    }
}
