package org.govhub.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.govhub.access.Allowed;
import org.govhub.access.CurrentCaller;
import org.govhub.access.Public;
import org.govhub.access.Role;
import org.govhub.common.HubConfig;
import org.govhub.common.InvalidValueException;

/** The power-item catalogue: public reads and export, editors' code allocation, changes and imports. */
@Path("/api/v1/items")
@Produces(MediaType.APPLICATION_JSON)
public class ItemResource {
    private final PublishedCatalog published;
    private final ItemChanges changes;
    private final CodeAllocator codes;
    private final CurrentCaller caller;
    private final HubConfig config;

    public ItemResource(PublishedCatalog published, ItemChanges changes, CodeAllocator codes, CurrentCaller caller,
            HubConfig config) {
        this.published = published;
        this.changes = changes;
        this.codes = codes;
        this.caller = caller;
        this.config = config;
    }

    @GET
    @Public
    public CatalogPage<ItemSummary> search(@QueryParam("region") String region, @QueryParam("department") String department,
            @QueryParam("type") String type, @QueryParam("q") String text, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        CatalogQuery query = CatalogQuery.parse(region, department, text, page, size, config.catalog());
        return published.search(query, type == null ? null : PowerItemType.parse(type));
    }

    @GET
    @Path("/{code}")
    @Public
    public ItemView get(@PathParam("code") String code) {
        return published.item(caller.find(), codeParameter(code));
    }

    @GET
    @Path("/{code}/history")
    @Public
    public ItemHistory history(@PathParam("code") String code) {
        return published.history(caller.find(), codeParameter(code));
    }

    @GET
    @Path("/export")
    @Public
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    public Response export(@QueryParam("format") String format) {
        PublishedCatalog.Export export = published.export(format);
        return Response.ok(export.body(), export.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + export.fileName() + "\"").build();
    }

    @POST
    @Path("/codes")
    @Allowed(Role.CATALOG_EDITOR)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response allocate(CodeRequest request) {
        return Response.status(Response.Status.CREATED).entity(codes.allocate(caller.get(), request)).build();
    }

    @POST
    @Path("/changes")
    @Allowed(Role.CATALOG_EDITOR)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submit(ItemChangeRequest request) {
        return created(changes.submit(caller.get(), request));
    }

    @POST
    @Path("/imports")
    @Allowed(Role.CATALOG_EDITOR)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response importItems(List<JsonNode> rows, @QueryParam("reason") String reason) {
        return created(changes.importItems(caller.get(), rows, reason));
    }

    static Response created(ChangeSummary change) {
        return Response.created(URI.create("/api/v1/catalog/changes/" + change.id())).entity(change).build();
    }

    private static PowerItemCode codeParameter(String code) {
        try {
            return PowerItemCode.parse(code);
        } catch (InvalidValueException e) {
            throw e.forField("code");
        }
    }
}
