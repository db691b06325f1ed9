package org.govhub.access;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.govhub.audit.AuditEntry;
import org.govhub.audit.AuditLog;
import org.govhub.common.problem.ProblemException;
import org.govhub.common.problem.ProblemType;

/** OAuth 2.0 client credentials grant (RFC 6749 §4.4): secret in the form or in HTTP Basic. */
@Path("/api/v1/auth/token")
@Public
public class TokenResource {
    private final ClientRegistry clients;
    private final TokenService tokens;
    private final AuditLog audit;

    public TokenResource(ClientRegistry clients, TokenService tokens, AuditLog audit) {
        this.clients = clients;
        this.tokens = tokens;
        this.audit = audit;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response token(@FormParam("grant_type") String grantType, @FormParam("client_id") String clientId,
            @FormParam("client_secret") String clientSecret, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        if (grantType == null) {
            throw oauth(ProblemType.BAD_REQUEST, "invalid_request", "grant_type is required");
        }
        if (!"client_credentials".equals(grantType)) {
            throw oauth(ProblemType.BAD_REQUEST, "unsupported_grant_type", "only grant_type=client_credentials is supported");
        }
        String[] basic = basicCredentials(authorization);
        String id = basic != null ? basic[0] : clientId;
        String secret = basic != null ? basic[1] : clientSecret;
        if (id == null || secret == null) {
            throw oauth(ProblemType.BAD_REQUEST, "invalid_request", "client_id and client_secret are required (form or HTTP Basic)");
        }
        ApiClient client = clients.authenticate(id, secret).orElse(null);
        if (client == null) {
            audit.recordSeparately("anonymous", AuditEntry.of("token.issue", "client", id, "refused"));
            throw oauth(ProblemType.UNAUTHORIZED, "invalid_client", "unknown client, wrong secret or disabled client")
                    .withHeader("WWW-Authenticate", "Basic realm=\"govhub\"");
        }
        TokenService.IssuedToken token = tokens.issue(client.clientId);
        audit.recordSeparately(client.clientId, AuditEntry.of("token.issue", "client", client.clientId, "issued"));
        return Response.ok(new TokenResponse(token.value(), "Bearer", token.expiresInSeconds()))
                .header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }

    private static String[] basicCredentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw oauth(ProblemType.BAD_REQUEST, "invalid_request", "HTTP Basic credentials must be id:secret");
            }
            return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            throw oauth(ProblemType.BAD_REQUEST, "invalid_request", "HTTP Basic credentials are not valid base64");
        }
    }

    /** RFC 6749 §5.2 error code carried as an extension member of the problem. */
    private static ProblemException oauth(ProblemType type, String error, String detail) {
        return new ProblemException(type, detail).withMember("error", error);
    }

    public record TokenResponse(String access_token, String token_type, long expires_in) {
    }
}
