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

/** The special-fund management list (财政专项资金管理清单): public reads, editors' changes. */
@Path("/api/v1/special-funds")
@Produces(MediaType.APPLICATION_JSON)
public class SpecialFundResource {
    private final PublishedLists published;
    private final ListChanges changes;
    private final CurrentCaller caller;
    private final HubConfig config;

    public SpecialFundResource(PublishedLists published, ListChanges changes, CurrentCaller caller, HubConfig config) {
        this.published = published;
        this.changes = changes;
        this.caller = caller;
        this.config = config;
    }

    @GET
    @Public
    public CatalogPage<ListEntryView> search(@QueryParam("region") String region, @QueryParam("department") String department,
            @QueryParam("year") String year, @QueryParam("q") String text, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        return published.search(RecordKind.SPECIAL_FUND,
                CatalogQuery.parse(region, department, text, page, size, config.catalog()), year);
    }

    @GET
    @Path("/{id}")
    @Public
    public ListEntryView get(@PathParam("id") String id) {
        return published.entry(caller.find(), RecordKind.SPECIAL_FUND, id);
    }

    @POST
    @Path("/changes")
    @Allowed(Role.CATALOG_EDITOR)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submit(SpecialFundChangeRequest request) {
        return ItemResource.created(changes.submit(caller.get(), request));
    }
}
