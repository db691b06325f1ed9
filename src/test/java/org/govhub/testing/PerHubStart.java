package org.govhub.testing;

import io.quarkus.arc.Arc;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A fixture made through the public API, kept for as long as the same hub runs. A test class with
 * another profile restarts the hub on a cleaned database, so after a restart the fixture is checked
 * once and made again if it is gone; while the same hub runs it is not checked at all (a check per
 * record used to cost one HTTP request per generated record).
 */
public final class PerHubStart {
    private Object madeIn;
    private String value;

    public synchronized String get(Predicate<String> stillThere, Supplier<String> make) {
        Object running = Arc.container();
        if (value == null || (running != madeIn && !stillThere.test(value))) {
            value = make.get();
        }
        madeIn = running;
        return value;
    }
}
