package org.govhub.catalog;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.govhub.access.Allowed;
import org.govhub.access.CurrentCaller;
import org.govhub.access.Public;
import org.govhub.access.Role;
import org.govhub.common.HubConfig;

/** The responsibility list (责任清单): public reads, editors' changes. */
@Path("/api/v1/responsibilities")
@Produces(MediaType.APPLICATION_JSON)
public class ResponsibilityResource {
    private final PublishedLists published;
    private final ListChanges changes;
    private final CurrentCaller caller;
    private final HubConfig config;

    public ResponsibilityResource(PublishedLists published, ListChanges changes, CurrentCaller caller, HubConfig config) {
        this.published = published;
        this.changes = changes;
        this.caller = caller;
        this.config = config;
    }

    @GET
    @Public
    public CatalogPage<ListEntryView> search(@QueryParam("region") String region, @QueryParam("department") String department,
            @QueryParam("q") String text, @QueryParam("page") String page, @QueryParam("size") String size) {
        return published.search(RecordKind.RESPONSIBILITY,
                CatalogQuery.parse(region, department, text, page, size, config.catalog()), null);
    }

    @GET
    @Path("/{id}")
    @Public
    public ListEntryView get(@PathParam("id") String id) {
        return published.entry(caller.find(), RecordKind.RESPONSIBILITY, id);
    }

    @POST
    @Path("/changes")
    @Allowed(Role.CATALOG_EDITOR)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submit(ResponsibilityChangeRequest request) {
        return ItemResource.created(changes.submit(caller.get(), request));
    }
}
