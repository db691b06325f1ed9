package org.govhub.common;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one clock of the hub. Runs on the system clock; tests move it forward or pin it so
 * that deadline, token-expiry and retention logic can be exercised without waiting.
 */
@ApplicationScoped
public class HubClock extends Clock {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
    private final AtomicReference<Instant> pinned = new AtomicReference<>();

    @Override
    public ZoneId getZone() {
        return ZONE;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }

    @Override
    public Instant instant() {
        Instant fixed = pinned.get();
        return fixed != null ? fixed : Instant.now().plus(offset.get());
    }

    /** Shifts the clock by the given amount from now on (tests only). */
    public void advance(Duration amount) {
        Instant fixed = pinned.get();
        if (fixed != null) {
            pinned.set(fixed.plus(amount));
        } else {
            offset.updateAndGet(current -> current.plus(amount));
        }
    }

    /** Stops the clock at the given instant (tests only). */
    public void pin(Instant at) {
        pinned.set(at);
    }

    /** Back to the system time. */
    public void reset() {
        pinned.set(null);
        offset.set(Duration.ZERO);
    }
}
