package org.govhub.ferry;

/** A bundle (or return message) failed a check; nothing of it may be used. */
public class BundleRejectedException extends Exception {
    private final Rejection reason;

    public BundleRejectedException(Rejection reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public Rejection reason() {
        return reason;
    }

    public String detail() {
        return getMessage();
    }

    @Override
    public String toString() {
        return reason.code() + ": " + getMessage();
    }
}
