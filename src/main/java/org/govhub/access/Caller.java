package org.govhub.access;

import java.util.Set;
import org.govhub.common.RegionPrefix;
import org.govhub.common.problem.ProblemException;

/**
 * The authenticated client behind the current request. Every read and write of exchange data
 * is bound to {@link #regionPrefix()}: data outside it is invisible.
 */
public record Caller(String clientId, Set<Role> roles, RegionPrefix regionPrefix) {

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** True when the region or subject code lies inside this caller's region prefix. */
    public boolean covers(String regionOrSubjectCode) {
        return regionPrefix.covers(regionOrSubjectCode);
    }

    /** Fails with 403 when the code lies outside the caller's region, for writes the caller attempted. */
    public void requireCovers(String regionOrSubjectCode, String what) {
        if (!covers(regionOrSubjectCode)) {
            throw ProblemException.forbidden(what + " " + regionOrSubjectCode
                    + " is outside this client's region prefix " + regionPrefix.value());
        }
    }
}
