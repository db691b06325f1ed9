package org.govhub.ferry;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * The certificate of the node across the gap, read from {@code hub.ferry.trusted-peer-certificate}.
 * Read when needed and re-read when the file changes, so an operator can install or rotate it
 * without a restart. A missing or unreadable file is a configuration fault of this node, not of the
 * bundle: processing stops with an exception and the file is retried.
 */
@ApplicationScoped
public class TrustedPeer {
    private final FerryNode node;
    private volatile Loaded loaded;

    public TrustedPeer(FerryNode node) {
        this.node = node;
    }

    public TrustedKey key() {
        Path path = Path.of(node.settings().trustedPeerCertificate());
        try {
            FileTime modified = Files.getLastModifiedTime(path);
            Loaded current = loaded;
            if (current != null && current.path.equals(path) && current.modified.equals(modified)) {
                return current.key;
            }
            TrustedKey key = TrustedKey.ofPem(Files.readString(path, StandardCharsets.US_ASCII));
            loaded = new Loaded(path, modified, key);
            return key;
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("the trusted peer certificate " + path + " cannot be read: " + e.getMessage(), e);
        }
    }

    private record Loaded(Path path, FileTime modified, TrustedKey key) {
    }
}
