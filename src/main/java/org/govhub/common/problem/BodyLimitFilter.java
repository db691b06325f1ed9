package org.govhub.common.problem;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.govhub.common.HubConfig;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a JSON body larger than {@code hub.http.max-json-body} before it is read. File uploads
 * (multipart, octet streams) stream to object storage and are bounded by the server-wide limit.
 */
public class BodyLimitFilter {
    private final long maxJsonBody;

    public BodyLimitFilter(HubConfig config) {
        this.maxJsonBody = config.http().maxJsonBody();
    }

    @ServerRequestFilter(preMatching = true)
    public void limitJsonBodies(ContainerRequestContext request) {
        MediaType type = request.getMediaType();
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (type == null || length == null || !type.getSubtype().endsWith("json")) {
            return;
        }
        long declared;
        try {
            declared = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("Content-Length is not a number");
        }
        if (declared > maxJsonBody) {
            throw ProblemException.tooLarge("a JSON body may have at most " + maxJsonBody + " bytes; this one has " + declared);
        }
    }
}
