package org.govhub.catalog;

/** An editor's change to the special-fund list: add (no id), change (id + entry) or cancel (id). */
public record SpecialFundChangeRequest(ChangeKind kind, String reason, Long id, SpecialFund fund) {
}
