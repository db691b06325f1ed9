package org.govhub.catalog;

/** A frequently asked question about an item (seed 003). */
public record Faq(String question, String answer) {
}
