package org.govhub.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.UUID;
import org.govhub.common.InvalidValueException;
import org.govhub.common.storage.StorageException;
import org.hibernate.exception.JDBCConnectionException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one mapper family: every error leaves the hub as RFC 9457 problem+json. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    static final int RETRY_AFTER_SECONDS = 30;

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.type(), e.type().status(), e.getMessage(), e.errors(), e.headers(), e.extensions(), uri);
    }

    @ServerExceptionMapper
    public Response invalidValue(InvalidValueException e, UriInfo uri) {
        String field = e.field() == null ? "value" : e.field();
        return problem(ProblemException.invalidField(field, e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException mapping ? jsonPath(mapping.getPath()) : "";
        InvalidValueException invalid = causeOfType(e, InvalidValueException.class);
        if (invalid != null) {
            return problem(ProblemException.invalidField(field.isEmpty() ? String.valueOf(invalid.field()) : field,
                    invalid.getMessage()), uri);
        }
        String reason = e.getOriginalMessage();
        String detail = "the body is not valid JSON for this operation: " + reason;
        List<FieldError> errors = field.isEmpty() ? List.of() : List.of(new FieldError(field, reason));
        return respond(ProblemType.MALFORMED_JSON, 400, detail, errors, Map.of(), Map.of(), uri);
    }

    /** Jackson's own mapper for this subtype would otherwise answer plain JSON. */
    @ServerExceptionMapper
    public Response mismatchedInput(com.fasterxml.jackson.databind.exc.MismatchedInputException e, UriInfo uri) {
        return malformedJson(e, uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        JsonProcessingException json = causeOfType(e, JsonProcessingException.class);
        if (json != null) {
            return malformedJson(json, uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        String detail = switch (status) {
            case 404 -> "no resource at " + uri.getPath();
            case 405 -> "method not allowed on " + uri.getPath();
            case 415 -> "unsupported media type: " + e.getMessage();
            case 406 -> "none of the accepted media types can be produced";
            default -> e.getMessage() == null ? ProblemType.reasonPhrase(status) : e.getMessage();
        };
        Map<String, String> headers = e.getResponse().getHeaderString("Allow") != null
                ? Map.of("Allow", e.getResponse().getHeaderString("Allow")) : Map.of();
        return respond(ProblemType.forStatus(status), status, detail, List.of(), headers, Map.of(), uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (isDependencyOutage(e)) {
            LOG.warnf("dependency unavailable on %s: %s", uri.getPath(), rootMessage(e));
            return respond(ProblemType.UNAVAILABLE, 503, "a backing service is unavailable; retry later",
                    List.of(), Map.of("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)), Map.of(), uri);
        }
        if (isTruncatedMultipart(e)) {
            return respond(ProblemType.forStatus(400), 400, "the multipart body is malformed or ends before its closing boundary",
                    List.of(), Map.of(), Map.of(), uri);
        }
        if (isUnstorableCharacter(e)) {
            return respond(ProblemType.forStatus(400), 400, "the request holds a character that cannot be stored (such as NUL, U+0000)",
                    List.of(), Map.of(), Map.of(), uri);
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected error %s on %s", incident, uri.getPath());
        return respond(ProblemType.INTERNAL, 500, "unexpected error; quote incident " + incident,
                List.of(), Map.of(), Map.of("incident", incident), uri);
    }

    /**
     * Whether a failure means a backing service (database, object storage) is unreachable rather than a
     * bug: somewhere in the causes or suppressed exceptions (Hibernate, Arc, Narayana and Camel wrap
     * freely; a failed commit is a RollbackException whose reason is only a suppressed XAException) a
     * connection that could not be made, timed out or was cut. Checked by class, by SQL state (class 08
     * connection exception, 57P01-03 server shutting down or starting), by Agroal's acquisition timeout,
     * which is a plain {@link SQLException}, and by any I/O error under a {@link StorageException}.
     */
    static boolean isDependencyOutage(Throwable e) {
        Deque<Throwable> todo = new ArrayDeque<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        todo.add(e);
        boolean storage = false;
        while (!todo.isEmpty() && seen.size() < 64) {
            Throwable t = todo.poll();
            if (!seen.add(t)) {
                continue;
            }
            storage |= t instanceof StorageException;
            if (t instanceof SQLTransientConnectionException || t instanceof JDBCConnectionException
                    || t instanceof SocketException || t instanceof InterruptedIOException
                    || t instanceof UnknownHostException || (storage && t instanceof IOException)) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("57P0"))) {
                    return true;
                }
                if (sql.getMessage() != null && sql.getMessage().startsWith("Acquisition timeout")) {
                    return true;
                }
            }
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            todo.addAll(List.of(t.getSuppressed()));
        }
        return false;
    }

    /** RESTEasy Reactive's multipart parser fails with an IOException on a body without a valid closing boundary. */
    static boolean isTruncatedMultipart(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.io.IOException && t.getMessage() != null && t.getMessage().contains("multipart")) {
                return true;
            }
        }
        return false;
    }

    /** PostgreSQL refuses NUL and untranslatable characters in text (SQLSTATE 22021, 22P05): bad input, not a server fault. */
    static boolean isUnstorableCharacter(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException sql && ("22021".equals(sql.getSQLState()) || "22P05".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private static <T extends Throwable> T causeOfType(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** A Jackson reference path as a JSON path such as {@code items[3].legalBasis}. */
    public static String jsonPath(List<JsonMappingException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            }
        }
        return out.toString();
    }

    private static Response respond(ProblemType type, int status, String detail, List<FieldError> errors,
            Map<String, String> headers, Map<String, Object> extensions, UriInfo uri) {
        Problem body = new Problem(type.uri(), type.title(), status, detail,
                uri == null ? null : uri.getPath(), errors, extensions);
        Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA_TYPE).entity(body);
        headers.forEach(builder::header);
        return builder.build();
    }
}
