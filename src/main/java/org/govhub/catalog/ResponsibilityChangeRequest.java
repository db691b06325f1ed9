package org.govhub.catalog;

/** An editor's change to the responsibility list: add (no id), change (id + entry) or cancel (id). */
public record ResponsibilityChangeRequest(ChangeKind kind, String reason, Long id, Responsibility responsibility) {
}
