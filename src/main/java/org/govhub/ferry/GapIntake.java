package org.govhub.ferry;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;

/**
 * Where a file taken off the gap goes. A node that only ingests (the internal node by default) treats
 * every file as a bundle; a node that only packs (the external node by default) treats every file as a
 * return message about its own bundles. A node that does both (either side once the return lane is on,
 * see {@code docs/ferry-bundle.md} §8a) sends {@code <uuid>.receipt.zip} and {@code <uuid>.resend.zip}
 * to the return-message intake and everything else to the bundle intake, whose checks refuse what is
 * not a bundle. Each file thus meets the same verification whichever lane it travels.
 */
@ApplicationScoped
public class GapIntake {
    private final FerryNode node;
    private final BundleIntake bundles;
    private final ReturnIntake returns;

    public GapIntake(FerryNode node, BundleIntake bundles, ReturnIntake returns) {
        this.node = node;
        this.bundles = bundles;
        this.returns = returns;
    }

    /** Processes one file from a local inbox. True when it is a return message, false when a bundle. */
    public boolean accept(Path file) {
        if (isReturnMessage(file.getFileName().toString())) {
            returns.accept(file);
            return true;
        }
        bundles.accept(file);
        return false;
    }

    boolean isReturnMessage(String fileName) {
        if (node.ingestLanes().isEmpty()) {
            return true;
        }
        if (node.packLanes().isEmpty()) {
            return false;
        }
        return ReturnMessage.isFileName(fileName);
    }
}
