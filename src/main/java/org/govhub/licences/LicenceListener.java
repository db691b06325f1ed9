package org.govhub.licences;

/**
 * Work that must commit or roll back with a licence change here (issue 7: the forwarding outbox).
 * Every CDI bean implementing it is called inside the transaction that wrote the change, whether the
 * licence was issued here or forwarded from a downstream node. An exception rolls the change back.
 */
public interface LicenceListener {

    /** The licence row was written (issued here, or accepted from below). */
    void stored(Licence licence);

    /** The licence's status changed (revision incremented); {@code change} is the status list row. */
    void statusChanged(Licence licence, LicenceStatusChange change);
}
