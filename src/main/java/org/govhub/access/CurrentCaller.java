package org.govhub.access;

import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import org.govhub.common.problem.ProblemException;

/** Holds the caller of the current request, set once by {@link AccessFilter}. */
@RequestScoped
public class CurrentCaller {
    private Caller caller;

    void set(Caller authenticated) {
        this.caller = authenticated;
    }

    public Optional<Caller> find() {
        return Optional.ofNullable(caller);
    }

    public Caller get() {
        if (caller == null) {
            throw ProblemException.unauthorized("this operation needs a bearer token");
        }
        return caller;
    }
}
