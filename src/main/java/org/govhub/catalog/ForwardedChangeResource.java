package org.govhub.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.govhub.access.Allowed;
import org.govhub.access.CurrentCaller;
import org.govhub.access.Role;

/** Item changes reviewed downstream and forwarded up by the downstream hub (issue 7), see {@link ForwardedChanges}. */
@Path("/api/v1/items/forwarded-changes")
@Produces(MediaType.APPLICATION_JSON)
public class ForwardedChangeResource {
    private final ForwardedChanges forwarded;
    private final CurrentCaller caller;

    public ForwardedChangeResource(ForwardedChanges forwarded, CurrentCaller caller) {
        this.forwarded = forwarded;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Role.AGGREGATOR)
    public Response accept(JsonNode body) {
        ForwardedChanges.Accepted accepted = forwarded.accept(caller.get(), body);
        return Response.status("created".equals(accepted.outcome()) ? 201 : 200).entity(accepted).build();
    }
}
