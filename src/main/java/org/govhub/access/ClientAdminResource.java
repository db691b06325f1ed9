package org.govhub.access;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.govhub.common.problem.ProblemException;

@Path("/api/v1/admin/clients")
@Allowed(Role.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class ClientAdminResource {
    private final ClientRegistry clients;
    private final CurrentCaller caller;

    public ClientAdminResource(ClientRegistry clients, CurrentCaller caller) {
        this.clients = clients;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(ClientRegistration registration) {
        if (registration == null) {
            throw ProblemException.badRequest("a JSON body is required");
        }
        RegisteredClient registered = clients.register(caller.get(), registration);
        return Response.created(URI.create("/api/v1/admin/clients/" + registered.client().clientId()))
                .header("Cache-Control", "no-store").entity(registered).build();
    }

    @GET
    public List<ClientView> list() {
        return clients.list(caller.get());
    }

    @GET
    @Path("/{clientId}")
    public ClientView get(@PathParam("clientId") String clientId) {
        return clients.find(caller.get(), clientId);
    }

    @POST
    @Path("/{clientId}/disable")
    public ClientView disable(@PathParam("clientId") String clientId) {
        return clients.setEnabled(caller.get(), clientId, false);
    }

    @POST
    @Path("/{clientId}/enable")
    public ClientView enable(@PathParam("clientId") String clientId) {
        return clients.setEnabled(caller.get(), clientId, true);
    }
}
