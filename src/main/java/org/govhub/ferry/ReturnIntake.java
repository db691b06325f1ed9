package org.govhub.ferry;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import org.govhub.common.HubClock;

/**
 * Takes one return message from the returns inbox (external node): verified against the trusted peer
 * and applied to the bundles and submissions it concerns, then moved to {@code returns-done/}; a
 * message that fails verification goes to {@code returns-quarantine/} with a reason file and an alert.
 */
@ApplicationScoped
public class ReturnIntake {
    private final TrustedPeer peer;
    private final OutboundLedger ledger;
    private final FerryFolders folders;
    private final FerryAlerts alerts;
    private final HubClock clock;

    public ReturnIntake(TrustedPeer peer, OutboundLedger ledger, FerryFolders folders, FerryAlerts alerts, HubClock clock) {
        this.peer = peer;
        this.ledger = ledger;
        this.folders = folders;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** True when the message was verified and applied. */
    public boolean accept(Path file) {
        String fileName = file.getFileName().toString();
        ReturnMessage message;
        try {
            message = ReturnMessage.read(file, peer.key());
        } catch (BundleRejectedException why) {
            alerts.raiseNow(FerryAlert.RETURN_REJECTED, null, null, fileName, why.reason(), why.detail());
            folders.quarantine(file, folders.returnsQuarantine(), why, clock.instant());
            return false;
        }
        ledger.apply(message, fileName);
        folders.moveInto(file, folders.returnsDone());
        return true;
    }
}
