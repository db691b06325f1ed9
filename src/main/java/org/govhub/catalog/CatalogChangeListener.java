package org.govhub.catalog;

import java.util.List;

/**
 * Work that must commit or roll back with a catalogue change taking effect here (issue 7: the
 * forwarding outbox). Every CDI bean implementing it is called inside the transaction that made the
 * change effective (a power-item, responsibility-list or special-fund-list change): a local approval, or a forwarded change accepted from a downstream node. An
 * exception rolls the change back.
 */
public interface CatalogChangeListener {

    /** {@code change} is approved and effective; {@code entries} are its sources and targets, in order. */
    void effective(CatalogChange change, List<CatalogChangeEntry> entries);
}
