package org.govhub.catalog;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.govhub.access.Allowed;
import org.govhub.access.CurrentCaller;
import org.govhub.access.Role;

/** The review queue for changes to all three lists. */
@Path("/api/v1/catalog/changes")
@Produces(MediaType.APPLICATION_JSON)
public class CatalogChangeResource {
    private final ChangeReview review;
    private final CurrentCaller caller;

    public CatalogChangeResource(ChangeReview review, CurrentCaller caller) {
        this.review = review;
        this.caller = caller;
    }

    @GET
    @Allowed({Role.CATALOG_EDITOR, Role.CATALOG_REVIEWER})
    public CatalogPage<ChangeSummary> list(@QueryParam("status") String status, @QueryParam("record") String record,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        return review.list(caller.get(), status, record, page, size);
    }

    @GET
    @Path("/{changeId}")
    @Allowed({Role.CATALOG_EDITOR, Role.CATALOG_REVIEWER})
    public ChangeDetail get(@PathParam("changeId") String changeId) {
        return review.get(caller.get(), changeId);
    }

    @POST
    @Path("/{changeId}/approval")
    @Allowed(Role.CATALOG_REVIEWER)
    @Consumes(MediaType.APPLICATION_JSON)
    public ChangeSummary approve(@PathParam("changeId") String changeId, ReviewNote note) {
        return review.approve(caller.get(), changeId, note);
    }

    @POST
    @Path("/{changeId}/rejection")
    @Allowed(Role.CATALOG_REVIEWER)
    @Consumes(MediaType.APPLICATION_JSON)
    public ChangeSummary reject(@PathParam("changeId") String changeId, ReviewNote note) {
        return review.reject(caller.get(), changeId, note);
    }
}
