package org.govhub.catalog;

/** Asks for the next unused code of a handling subject and item type. */
public record CodeRequest(String subjectCode, PowerItemType type) {
}
