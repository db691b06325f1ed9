package org.govhub.ferry;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/**
 * This node's local ferry folders under {@code hub.ferry.work-dir}: {@code inbox/} (bundles taken off
 * the gap), {@code held/}, {@code done/}, {@code quarantine/} (with a {@code .reason.txt} beside each
 * file), and {@code returns-inbox/}, {@code returns-done/}, {@code returns-quarantine/} for the way back.
 */
@ApplicationScoped
public class FerryFolders {
    public static final String REASON_SUFFIX = ".reason.txt";
    private final Path root;

    public FerryFolders(FerryNode node) {
        this.root = Path.of(node.settings().workDir());
    }

    public Path inbox() {
        return dir("inbox");
    }

    public Path held() {
        return dir("held");
    }

    public Path done() {
        return dir("done");
    }

    public Path quarantine() {
        return dir("quarantine");
    }

    public Path returnsDone() {
        return dir("returns-done");
    }

    public Path returnsQuarantine() {
        return dir("returns-quarantine");
    }

    /** Moves a file into a folder under its own name, replacing an earlier copy. */
    public Path moveInto(Path file, Path folder) {
        Path target = folder.resolve(file.getFileName().toString());
        try {
            return Files.move(file, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + file + " to " + folder, e);
        }
    }

    /**
     * Moves a refused file into a quarantine folder and writes the reason beside it. A second file of
     * the same name (a replay, say) gets a numeric suffix instead of overwriting the first.
     */
    public Path quarantine(Path file, Path folder, BundleRejectedException why, Instant at) {
        String name = file.getFileName().toString();
        Path target = folder.resolve(name);
        for (int n = 2; Files.exists(target) || Files.exists(reasonFile(target)); n++) {
            target = folder.resolve(name + "." + n);
        }
        try {
            Files.writeString(reasonFile(target), "file: " + name + "\nreason: " + why.reason().code() + "\ndetail: "
                    + why.detail() + "\nquarantined-at: " + at + "\n", StandardCharsets.UTF_8);
            return Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot quarantine " + file, e);
        }
    }

    public static Path reasonFile(Path quarantined) {
        return quarantined.resolveSibling(quarantined.getFileName() + REASON_SUFFIX);
    }

    private Path dir(String name) {
        Path dir = root.resolve(name);
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
