package org.govhub.licences;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.http.HttpServerResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.net.URI;
import org.govhub.access.Allowed;
import org.govhub.access.CurrentCaller;
import org.govhub.access.Public;
import org.govhub.access.Role;
import org.govhub.signing.SignedJson;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** The electronic licence library (电子证照库). */
@Path("/api/v1/licences")
@Produces(MediaType.APPLICATION_JSON)
public class LicenceResource {
    /**
     * How far a download may run ahead of its client, in direct memory held per connection. Bench P4 measured 1, 4
     * and 16 MB within the noise of each other; 1 MB keeps a hundred slow downloads at 100 MB.
     */
    private static final int DOWNLOAD_WRITE_QUEUE_BYTES = 1024 * 1024;

    private final LicenceLibrary library;
    private final LicenceQueries queries;
    private final LicenceVerification verification;
    private final LicenceReconciler reconciler;
    private final SignedJson signed;
    private final CurrentCaller caller;

    @jakarta.inject.Inject
    ForwardedLicences forwarded;

    public LicenceResource(LicenceLibrary library, LicenceQueries queries, LicenceVerification verification,
            LicenceReconciler reconciler, SignedJson signed, CurrentCaller caller) {
        this.library = library;
        this.queries = queries;
        this.verification = verification;
        this.reconciler = reconciler;
        this.signed = signed;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Allowed(Role.DEPARTMENT)
    public Response issue(@RestForm("metadata") String metadata, @RestForm("file") FileUpload file)
            throws JsonProcessingException {
        LicenceView issued = library.issue(caller.get(), metadata, file == null ? null : file.uploadedFile());
        return Response.created(URI.create("/api/v1/licences/" + issued.id())).entity(issued).build();
    }

    /** A licence forwarded up by a downstream hub (issue 7): 201 created, 200 unchanged when already held. */
    @POST
    @Path("/forwarded")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Allowed(Role.AGGREGATOR)
    public Response acceptForwarded(@RestForm("licence") String licence, @RestForm("file") FileUpload file) {
        ForwardedLicences.Accepted accepted = forwarded.accept(caller.get(), licence, file == null ? null : file.uploadedFile());
        return Response.status("created".equals(accepted.outcome()) ? 201 : 200).entity(accepted).build();
    }

    /** A status change of a forwarded licence (issue 7): 200 applied or unchanged. */
    @POST
    @Path("/{id}/forwarded-status")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Role.AGGREGATOR)
    public ForwardedLicences.Accepted forwardedStatus(@PathParam("id") String id, ForwardedLicences.ForwardedStatus status) {
        return forwarded.status(caller.get(), id, status);
    }

    @GET
    @Allowed(Role.DEPARTMENT)
    public LicenceQueries.LicenceList search(@QueryParam("holderIdNumber") String holderIdNumber,
            @QueryParam("type") String type, @QueryParam("status") String status,
            @HeaderParam(StatedPurpose.HEADER) String purpose) {
        return queries.search(caller.get(), holderIdNumber, type, status, purpose);
    }

    @GET
    @Path("/{id}")
    @Allowed(Role.DEPARTMENT)
    public LicenceView get(@PathParam("id") String id, @HeaderParam(StatedPurpose.HEADER) String purpose) {
        return queries.get(caller.get(), id, purpose);
    }

    @GET
    @Path("/{id}/file")
    @Produces(MediaType.WILDCARD)
    @Allowed(Role.DEPARTMENT)
    public Response file(@PathParam("id") String id, @HeaderParam(StatedPurpose.HEADER) String purpose,
            @HeaderParam("Range") String range, @HeaderParam("If-Range") String ifRange,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, @Context HttpServerResponse connection) {
        LicenceQueries.FileDownload download = queries.openFile(caller.get(), id, purpose, range, ifRange, ifNoneMatch);
        Response.ResponseBuilder response = Response.status(download.status())
                .header(HttpHeaders.ETAG, download.etag())
                .header("Accept-Ranges", "bytes")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store");
        if (download.content() == null) {
            return response.build();
        }
        InputStream content = download.content();
        StreamingOutput body = out -> {
            // Let this thread read S3 ahead while the event loop sends: with Netty's default 64 KB write queue the
            // two took turns (bench P4).
            connection.setWriteQueueMaxSize(DOWNLOAD_WRITE_QUEUE_BYTES);
            try (content) {
                content.transferTo(out);
            }
        };
        if (download.contentRange() != null) {
            response.header("Content-Range", download.contentRange());
        }
        return response.entity(body).type(download.contentType())
                .header(HttpHeaders.CONTENT_LENGTH, download.length())
                .header("Content-Disposition", "attachment; filename=\"" + download.fileName() + "\"")
                .build();
    }

    @POST
    @Path("/verification")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Allowed({Role.DEPARTMENT, Role.PLATFORM})
    public LicenceVerification.VerificationResult verifyFile(@RestForm("file") FileUpload file, @RestForm("id") String id) {
        return verification.verifyFile(file == null ? null : file.uploadedFile(), id);
    }

    @POST
    @Path("/verification")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed({Role.DEPARTMENT, Role.PLATFORM})
    public LicenceVerification.VerificationResult verifyDigest(LicenceVerification.VerificationRequest request) {
        return verification.verifyDigest(request);
    }

    @POST
    @Path("/{id}/revocation")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Role.DEPARTMENT)
    public LicenceLibrary.Revocation revoke(@PathParam("id") String id, LicenceLibrary.RevocationRequest request) {
        return library.revoke(caller.get(), id, request);
    }

    @GET
    @Path("/status-list")
    @Public
    public Response statusList() {
        return Response.fromResponse(signed.ok(verification.statusList()))
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=60").build();
    }

    @GET
    @Path("/reconciliation")
    @Allowed({Role.ADMIN, Role.SUPERVISOR})
    public LicenceReconciler.ReconciliationReport reconciliation() {
        return reconciler.lastReport(caller.get());
    }
}
