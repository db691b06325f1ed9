package org.govhub.access;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import java.lang.reflect.AnnotatedElement;
import java.util.Arrays;
import java.util.Optional;
import org.govhub.common.problem.ProblemException;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates every request that reaches a resource and applies the endpoint's {@link Allowed}
 * roles. Endpoints marked {@link Public} need no token; endpoints marked neither admit nobody, so a
 * forgotten annotation fails closed.
 */
public class AccessFilter {
    private final TokenService tokens;
    private final ClientRegistry clients;
    private final CurrentCaller current;

    public AccessFilter(TokenService tokens, ClientRegistry clients, CurrentCaller current) {
        this.tokens = tokens;
        this.clients = clients;
        this.current = current;
    }

    @ServerRequestFilter(priority = jakarta.ws.rs.Priorities.AUTHENTICATION)
    public void authenticateAndAuthorise(ContainerRequestContext request, ResourceInfo resource) {
        if (resource.getResourceMethod() == null) {
            return;
        }
        boolean open = annotated(resource, Public.class);
        Allowed allowed = find(resource, Allowed.class);
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            if (open) {
                return;
            }
            throw ProblemException.unauthorized("this operation needs a bearer token from /api/v1/auth/token");
        }
        if (open && !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return; // e.g. HTTP Basic on the token endpoint
        }
        Caller caller = authenticate(authorization);
        current.set(caller);
        if (open) {
            return;
        }
        if (allowed == null || Arrays.stream(allowed.value()).noneMatch(caller::has)) {
            throw ProblemException.forbidden("client " + caller.clientId() + " lacks a role for this operation"
                    + (allowed == null ? "" : "; needs one of " + Arrays.stream(allowed.value()).map(Role::wireName).toList()));
        }
    }

    private Caller authenticate(String authorization) {
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ProblemException.unauthorized("only Bearer tokens are accepted here");
        }
        Optional<String> clientId = tokens.verify(authorization.substring(7).trim());
        return clientId.flatMap(clients::callerFor)
                .orElseThrow(() -> ProblemException.unauthorized("the token is invalid, expired or its client is disabled")
                        .withHeader("WWW-Authenticate", "Bearer realm=\"govhub\", error=\"invalid_token\""));
    }

    private static boolean annotated(ResourceInfo resource, Class<? extends java.lang.annotation.Annotation> type) {
        return find(resource, type) != null;
    }

    private static <A extends java.lang.annotation.Annotation> A find(ResourceInfo resource, Class<A> type) {
        A onMethod = resource.getResourceMethod().getAnnotation(type);
        if (onMethod != null) {
            return onMethod;
        }
        AnnotatedElement owner = resource.getResourceClass();
        return owner == null ? null : owner.getAnnotation(type);
    }
}
