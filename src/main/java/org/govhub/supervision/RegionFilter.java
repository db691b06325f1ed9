package org.govhub.supervision;

import org.govhub.access.Caller;
import org.govhub.common.CodeText;
import org.govhub.common.InvalidValueException;
import org.govhub.common.RegionPrefix;
import org.govhub.common.problem.ProblemException;

/** The {@code region} query parameter of supervision reads, bound to the caller's region. */
final class RegionFilter {
    private RegionFilter() {
    }

    /**
     * The region prefix to read: the caller's own when none is asked for, a narrower one inside it, the
     * caller's own for a broader one; a region outside it is 403. A 6-digit code stands for its region
     * (330300 = the city 3303).
     */
    static String of(Caller caller, String region) {
        String own = caller.regionPrefix().value();
        if (region == null || region.isBlank()) {
            return own;
        }
        String wanted;
        try {
            CodeText.requireCleanAscii("region", "region", region);
            wanted = region.length() == 6 ? RegionPrefix.ofRegion(region).value() : RegionPrefix.parse(region).value();
        } catch (InvalidValueException e) {
            throw e.forField("region");
        }
        if (wanted.startsWith(own)) {
            return wanted;
        }
        if (own.startsWith(wanted)) {
            return own;
        }
        throw ProblemException.forbidden("region " + region + " is outside this client's region prefix " + own);
    }
}
