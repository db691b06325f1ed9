package org.govhub.catalog;

/** A reviewer's reason: optional when approving, required when rejecting. */
public record ReviewNote(String reason) {
}
