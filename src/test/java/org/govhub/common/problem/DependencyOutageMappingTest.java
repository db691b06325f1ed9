package org.govhub.common.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.arc.ArcUndeclaredThrowableException;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.RollbackException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Proxy;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.transaction.xa.XAException;
import org.govhub.common.storage.StorageException;
import org.hibernate.exception.GenericJDBCException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/**
 * Failures of the database or the object store, as they reach the mapper wrapped by Hibernate, Arc and
 * the transaction manager, answer 503 problem+json with Retry-After; other failures stay 500.
 */
class DependencyOutageMappingTest {
    /** The request path is all the mapper asks of the URI information. */
    private static final UriInfo URI = (UriInfo) Proxy.newProxyInstance(UriInfo.class.getClassLoader(),
            new Class<?>[] {UriInfo.class}, (proxy, method, args) -> method.getName().equals("getPath")
                    ? "/api/v1/cases/batches" : null);
    private final ProblemMappers mappers = new ProblemMappers();

    static Stream<Arguments> outages() {
        return Stream.<Supplier<Throwable>>of(
                // Agroal: no connection within the acquisition timeout (a plain SQLException), via Hibernate.
                () -> new GenericJDBCException("Unable to acquire JDBC Connection",
                        new SQLException("Acquisition timeout while waiting for new connection", new TimeoutException())),
                // PostgreSQL down: the driver cannot connect (SQL state 08001), via JPA.
                () -> new PersistenceException(new PSQLException("Connection to localhost:19150 refused",
                        PSQLState.CONNECTION_UNABLE_TO_CONNECT, new ConnectException("Connection refused"))),
                // PostgreSQL stopped under an open connection (57P01), at commit, via Narayana and Arc.
                () -> new ArcUndeclaredThrowableException(withCause(new RollbackException("commit failed"),
                        new SQLException("terminating connection due to administrator command", "57P01"))),
                // Found by .ci/outage.sh: PostgreSQL stopped during commit. Narayana's RollbackException has no
                // cause; the reason is a suppressed XAException caused by the server's 57P01.
                () -> new ArcUndeclaredThrowableException(suppressing(new RollbackException("ARJUNA016053: Could not commit transaction."),
                        withCause(new XAException("Error trying to transactionCommit local transaction"),
                                new SQLException("FATAL: terminating connection due to administrator command", "57P01")))),
                // A pooled connection cut by a restart (08006).
                () -> new PersistenceException(new PSQLException("An I/O error occurred while sending to the backend.",
                        PSQLState.CONNECTION_FAILURE)),
                // PostgreSQL still starting (57P03).
                () -> new PersistenceException(new SQLException("the database system is starting up", "57P03")),
                // Object storage refuses connections, times out on connect, or the OkHttp call times out.
                () -> new StorageException("object storage call failed", new ConnectException("Connection refused")),
                () -> new StorageException("object storage call failed", new SocketTimeoutException("connect timed out")),
                () -> new StorageException("object storage call failed", new InterruptedIOException("timeout")),
                // Found by .ci/outage.sh: the S3 server killed during an upload.
                () -> new StorageException("object storage call failed", new SocketException("Connection reset")),
                () -> new StorageException("object storage call failed",
                        new IOException("unexpected end of stream", new EOFException("\\n not found: limit=0"))))
                .map(s -> Arguments.of(s.get().getClass().getSimpleName() + " <- " + root(s.get()), s.get()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outages")
    void aDependencyOutageAnswers503ProblemWithRetryAfter(String name, Throwable failure) {
        Response response = mappers.unexpected(failure, URI);
        assertEquals(503, response.getStatus(), name);
        assertEquals(Problem.MEDIA_TYPE, response.getMediaType().toString());
        assertEquals(Integer.toString(ProblemMappers.RETRY_AFTER_SECONDS), response.getHeaderString("Retry-After"));
        Problem problem = (Problem) response.getEntity();
        assertEquals(503, problem.status());
        assertEquals("/api/v1/cases/batches", problem.instance());
    }

    @Test
    void aConstraintViolationIsNotMistakenForAnOutage() {
        Response response = mappers.unexpected(new PersistenceException(new SQLException("duplicate key", "23505")), URI);
        assertEquals(500, response.getStatus());
        assertNull(response.getHeaderString("Retry-After"));
    }

    @Test
    void anIoErrorOutsideObjectStorageIsNotMistakenForAnOutage() {
        Response response = mappers.unexpected(new java.io.UncheckedIOException(new IOException("disk full")), URI);
        assertEquals(500, response.getStatus());
    }

    @Test
    void aProgrammingErrorStays500() {
        Response response = mappers.unexpected(new IllegalStateException("bug"), URI);
        assertEquals(500, response.getStatus());
        assertEquals(Problem.MEDIA_TYPE, response.getMediaType().toString());
        assertNull(response.getHeaderString("Retry-After"));
    }

    private static Throwable suppressing(Throwable e, Throwable suppressed) {
        e.addSuppressed(suppressed);
        return e;
    }

    private static Throwable withCause(Throwable e, Throwable cause) {
        e.initCause(cause);
        return e;
    }

    private static String root(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
