package org.govhub.ferry;

/** A bundle (or return message) failed a check; nothing of it may be used. */
public class BundleRejectedException extends Exception {
    private final Rejection reason;

    public BundleRejectedException(Rejection reason, String detail) {
        super(printable(detail));
        this.reason = reason;
    }

    /**
     * A detail may quote what a hostile file holds (a parser's message echoes the bytes it stumbled on). It
     * goes into reason files, alerts and database columns, so control characters are shown escaped: a NUL
     * cannot be stored in PostgreSQL text, and a line break could forge a line of a reason file.
     */
    static String printable(String detail) {
        if (detail == null || detail.chars().noneMatch(Character::isISOControl)) {
            return detail;
        }
        StringBuilder out = new StringBuilder(detail.length() + 16);
        detail.chars().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.append((char) c);
            }
        });
        return out.toString();
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
