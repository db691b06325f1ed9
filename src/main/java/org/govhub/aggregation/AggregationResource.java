package org.govhub.aggregation;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.govhub.access.Allowed;
import org.govhub.access.Role;

@Path("/api/v1/aggregation/status")
@Produces(MediaType.APPLICATION_JSON)
public class AggregationResource {
    private final AggregationMonitor monitor;

    public AggregationResource(AggregationMonitor monitor) {
        this.monitor = monitor;
    }

    @GET
    @Allowed({Role.ADMIN, Role.SUPERVISOR})
    public AggregationStatus status() {
        return monitor.status();
    }
}
