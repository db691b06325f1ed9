package org.govhub.catalog;

import java.util.List;

/**
 * An editor's change to the catalogue. {@code sources} are the effective codes it replaces or ends,
 * {@code items} the documents it proposes:
 * add (no sources, 1+ items), change (no sources, 1 item with an existing code), delegate (1 source,
 * 1 item of a lower-tier subject, same type), split (1 source, 2+ items), merge (2+ sources, 1 item),
 * cancel (1 source, no items).
 */
public record ItemChangeRequest(ChangeKind kind, String reason, List<PowerItemCode> sources, List<PowerItem> items) {
}
