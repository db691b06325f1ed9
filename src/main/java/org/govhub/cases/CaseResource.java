package org.govhub.cases;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.govhub.access.Allowed;
import org.govhub.access.Caller;
import org.govhub.access.CurrentCaller;
import org.govhub.access.Role;
import org.govhub.common.QueryParams;
import org.govhub.signing.SignedJson;

@Path("/api/v1/cases")
@Produces(MediaType.APPLICATION_JSON)
public class CaseResource {
    public static final String NDJSON = "application/x-ndjson";
    private static final String PURPOSE = "X-Purpose";

    private final CasePushService push;
    private final CaseLibrary library;
    private final CaseFeed feed;
    private final SignedJson signed;
    private final CurrentCaller caller;

    public CaseResource(CasePushService push, CaseLibrary library, CaseFeed feed, SignedJson signed, CurrentCaller caller) {
        this.push = push;
        this.library = library;
        this.feed = feed;
        this.signed = signed;
        this.caller = caller;
    }

    /**
     * Header values are ASCII, so a purpose in Chinese travels percent-encoded as UTF-8
     * ({@code %E7%9B%91%E5%AF%9F…}, as in a URL); it is decoded here, once, at the edge.
     */
    private static String purpose(String header) {
        if (header == null || header.indexOf('%') < 0) {
            return header;
        }
        try {
            return java.net.URLDecoder.decode(header.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw org.govhub.common.problem.ProblemException.invalidField(PURPOSE,
                    "must be plain ASCII or UTF-8 percent-encoded (e.g. %E7%9B%91%E5%AF%9F for 监察)");
        }
    }

    /** Case answers are written by {@link CaseJson}: supplementary characters (𠀀) leave as UTF-8, not escapes. */
    private static Response json(Object view) {
        return Response.ok(CaseJson.utf8(view), MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8")).build();
    }

    @POST
    @Path("/batches")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Role.PLATFORM)
    public Response pushBatch(InputStream body) throws IOException {
        Caller platform = caller.get();
        return json(push.pushBody(platform.clientId(), platform.regionPrefix(), body));
    }

    @GET
    @Path("/changes")
    @Allowed(Role.AGGREGATOR)
    public Response changes(@QueryParam("after") @DefaultValue("0") String after,
            @QueryParam("limit") @DefaultValue("1000") String limit) {
        return json(feed.page(caller.get(), QueryParams.longValue("after", after), QueryParams.intValue("limit", limit)));
    }

    @GET
    @Path("/changes")
    @Produces(NDJSON)
    @Allowed(Role.AGGREGATOR)
    public Response changesAsStream(@QueryParam("after") @DefaultValue("0") String after,
            @QueryParam("limit") @DefaultValue("1000") String limit) {
        Caller aggregator = caller.get();
        long from = QueryParams.longValue("after", after);
        int max = QueryParams.intValue("limit", limit);
        feed.openStream(aggregator, from, max);
        StreamingOutput lines = out -> {
            OutputStream buffered = new BufferedOutputStream(out, 64 * 1024);
            feed.stream(aggregator.regionPrefix(), from, max, entry -> {
                buffered.write(CaseJson.utf8(entry));
                buffered.write('\n');
            });
            buffered.flush();
        };
        return Response.ok(lines, NDJSON).build();
    }

    @GET
    @Path("/{caseNo}")
    @Allowed({Role.PLATFORM, Role.AGGREGATOR, Role.DEPARTMENT, Role.SUPERVISOR})
    public Response get(@PathParam("caseNo") String caseNo, @HeaderParam(PURPOSE) String purpose) {
        return json(library.find(caller.get(), caseNo, purpose(purpose)));
    }

    @GET
    @Path("/{caseNo}/versions")
    @Allowed({Role.PLATFORM, Role.AGGREGATOR, Role.DEPARTMENT, Role.SUPERVISOR})
    public Response versions(@PathParam("caseNo") String caseNo, @HeaderParam(PURPOSE) String purpose) {
        return json(library.versions(caller.get(), caseNo, purpose(purpose)));
    }

    @GET
    @Path("/{caseNo}/result")
    @Allowed({Role.PLATFORM, Role.AGGREGATOR, Role.DEPARTMENT, Role.SUPERVISOR})
    public Response result(@PathParam("caseNo") String caseNo, @HeaderParam(PURPOSE) String purpose) {
        return signed.ok(library.result(caller.get(), caseNo, purpose(purpose)));
    }
}
