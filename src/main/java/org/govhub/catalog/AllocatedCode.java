package org.govhub.catalog;

/** A freshly allocated code: reserved for the caller's next add, and never handed out again. */
public record AllocatedCode(PowerItemCode code, String subjectCode, PowerItemType type, int sequence) {
}
