package org.govhub.audit;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.govhub.access.Allowed;
import org.govhub.access.CurrentCaller;
import org.govhub.access.Role;
import org.govhub.common.QueryParams;

@Path("/api/v1/audit")
@Allowed({Role.SUPERVISOR, Role.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    private final AuditTrail trail;
    private final AuditHeadSigner heads;
    private final org.govhub.signing.SignedJson signed;
    private final CurrentCaller caller;

    public AuditResource(AuditTrail trail, AuditHeadSigner heads, org.govhub.signing.SignedJson signed, CurrentCaller caller) {
        this.trail = trail;
        this.caller = caller;
        this.heads = heads;
        this.signed = signed;
    }

    @GET
    public AuditTrail.AuditPage search(@QueryParam("client") String client, @QueryParam("resource") String resource,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("after") @DefaultValue("0") String after, @QueryParam("limit") @DefaultValue("100") String limit) {
        return trail.search(caller.get(), client, resource, QueryParams.instant("from", from), QueryParams.instant("to", to),
                QueryParams.longValue("after", after), QueryParams.intValue("limit", limit));
    }

    @GET
    @Path("/verification")
    public AuditTrail.ChainVerification verify() {
        return trail.verify();
    }

    @GET
    @Path("/head")
    public jakarta.ws.rs.core.Response latestSignedHead() {
        AuditHeadSigner.SignedHead head = heads.latest()
                .orElseThrow(() -> org.govhub.common.problem.ProblemException.notFound("the audit chain head has not been signed yet"));
        return signed.stored(head.statement(), head.signature());
    }

    @jakarta.ws.rs.POST
    @Path("/head")
    public jakarta.ws.rs.core.Response signHeadNow() {
        AuditHeadSigner.SignedHead head = heads.signHead()
                .orElseThrow(() -> org.govhub.common.problem.ProblemException.conflict("the audit trail is empty; there is no head to sign"));
        return signed.stored(head.statement(), head.signature());
    }

    @GET
    @Path("/archives")
    public java.util.List<ArchiveView> archives() {
        return ArchiveRecord.<ArchiveRecord>list("order by kind, period").stream().map(ArchiveView::of).toList();
    }
}
