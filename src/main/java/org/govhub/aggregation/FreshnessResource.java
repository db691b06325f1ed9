package org.govhub.aggregation;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.govhub.access.Allowed;
import org.govhub.access.CurrentCaller;
import org.govhub.access.Role;

@Path("/api/v1/supervision/freshness")
@Produces(MediaType.APPLICATION_JSON)
public class FreshnessResource {
    private final FreshnessRegistry registry;
    private final CurrentCaller caller;

    public FreshnessResource(FreshnessRegistry registry, CurrentCaller caller) {
        this.registry = registry;
        this.caller = caller;
    }

    @GET
    @Allowed({Role.SUPERVISOR, Role.ADMIN})
    public FreshnessReport freshness() {
        return registry.report(caller.get());
    }
}
