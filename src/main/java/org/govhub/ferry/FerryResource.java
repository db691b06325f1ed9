package org.govhub.ferry;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.govhub.access.Allowed;
import org.govhub.access.CurrentCaller;
import org.govhub.access.Role;
import org.govhub.signing.SignedJson;

@Path("/api/v1/ferry")
@Produces(MediaType.APPLICATION_JSON)
public class FerryResource {
    private final FerryStatus status;
    private final CurrentCaller caller;
    private final SignedJson signed;

    public FerryResource(FerryStatus status, CurrentCaller caller, SignedJson signed) {
        this.status = status;
        this.caller = caller;
        this.signed = signed;
    }

    @GET
    @Path("/status")
    @Allowed({Role.ADMIN, Role.SUPERVISOR})
    public FerryStatus.NodeFigures status() {
        return status.figures();
    }

    @GET
    @Path("/submissions/{submissionId}")
    @Allowed({Role.PLATFORM, Role.DEPARTMENT, Role.AGGREGATOR, Role.ADMIN, Role.SUPERVISOR})
    public Response submission(@PathParam("submissionId") String submissionId) {
        return signed.ok(status.submission(caller.get(), submissionId));
    }
}
