package org.govhub.ferry;

/** The receiver asks the sender to ship a lane's bundles {@code fromSequence..toSequence} again. */
public record ResendRequest(String lane, long fromSequence, long toSequence, String reason) {
}
