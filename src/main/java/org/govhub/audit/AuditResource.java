package org.govhub.audit;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.govhub.access.Allowed;
import org.govhub.access.Role;
import org.govhub.common.QueryParams;

@Path("/api/v1/audit")
@Allowed({Role.SUPERVISOR, Role.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    private final AuditTrail trail;

    public AuditResource(AuditTrail trail) {
        this.trail = trail;
    }

    @GET
    public AuditTrail.AuditPage search(@QueryParam("client") String client, @QueryParam("resource") String resource,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("after") @DefaultValue("0") String after, @QueryParam("limit") @DefaultValue("100") String limit) {
        return trail.search(client, resource, QueryParams.instant("from", from), QueryParams.instant("to", to),
                QueryParams.longValue("after", after), QueryParams.intValue("limit", limit));
    }

    @GET
    @Path("/verification")
    public AuditTrail.ChainVerification verify() {
        return trail.verify();
    }
}
