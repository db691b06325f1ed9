package org.govhub.ferry;

/**
 * Why a bundle or a return message was refused. The code is stable (it appears in reason files,
 * receipts, alerts and metrics); the detail says what exactly was found.
 */
public enum Rejection {
    BAD_FILE_NAME("bad-file-name"),
    BUNDLE_TOO_LARGE("bundle-too-large"),
    UNREADABLE("unreadable"),
    UNSAFE_ENTRY_NAME("unsafe-entry-name"),
    DUPLICATE_ENTRY("duplicate-entry"),
    TOO_MANY_ENTRIES("too-many-entries"),
    MISSING_MANIFEST("missing-manifest"),
    MISSING_SIGNATURE("missing-signature"),
    UNTRUSTED_SIGNER("untrusted-signer"),
    BAD_SIGNATURE("bad-signature"),
    BAD_MANIFEST("bad-manifest"),
    NAME_MISMATCH("name-mismatch"),
    WRONG_TARGET_ZONE("wrong-target-zone"),
    UNKNOWN_LANE("unknown-lane"),
    ENTRY_TOO_LARGE("entry-too-large"),
    UNDECLARED_ENTRY("undeclared-entry"),
    MISSING_ENTRY("missing-entry"),
    ENTRY_SIZE_MISMATCH("entry-size-mismatch"),
    ENTRY_DIGEST_MISMATCH("entry-digest-mismatch"),
    UNSUPPORTED_ENTRY_KIND("unsupported-entry-kind"),
    BAD_PAYLOAD("bad-payload"),
    REPLAY("replay"),
    SEQUENCE_CONFLICT("sequence-conflict"),
    CHAIN_BROKEN("chain-broken"),
    BAD_MESSAGE("bad-message");

    private final String code;

    Rejection(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** A refusal with what was found; thrown by the readers and verifiers, caught where the file is quarantined. */
    public BundleRejectedException because(String detail) {
        return new BundleRejectedException(this, detail);
    }
}
