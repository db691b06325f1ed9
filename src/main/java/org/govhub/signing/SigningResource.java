package org.govhub.signing;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.govhub.access.Public;

@Path("/api/v1/signing")
@Public
public class SigningResource {
    public static final String PEM_CERTIFICATE = "application/x-pem-file";

    private final SigningService signing;
    private final SignatureCheck check;

    public SigningResource(SigningService signing, SignatureCheck check) {
        this.signing = signing;
        this.check = check;
    }

    @GET
    @Path("/certificate")
    @Produces(PEM_CERTIFICATE)
    public Response certificate() {
        return Response.ok(signing.certificatePem()).header("Cache-Control", "public, max-age=300").build();
    }

    @POST
    @Path("/verification")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public SignatureCheck.Outcome verify(SignatureCheck.Request request) {
        return check.run(request);
    }
}
