package org.govhub.aggregation;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one stand-in allowed in these tests: an upstream that answers 503 while it is "down" and
 * otherwise passes every request on to the real hub under test, so the real token and push endpoints
 * do the work. It keeps the request bodies it passed on, and their answers, for the test to read.
 */
final class FlakyUpstream implements AutoCloseable {
    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicBoolean loseAnswers = new AtomicBoolean();
    private final AtomicInteger refused = new AtomicInteger();
    private final List<Exchange> passed = new CopyOnWriteArrayList<>();
    private final int hubPort;

    /** A request passed on to the hub, with the hub's answer. */
    record Exchange(String path, int status, String requestBody, String responseBody) {
    }

    FlakyUpstream(int hubPort) throws IOException {
        this.hubPort = hubPort;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    void goDown() {
        down.set(true);
    }

    void comeBack() {
        down.set(false);
    }

    /** Passes requests on to the hub but answers the caller 503, as if the hub's answer was lost on the way back. */
    void loseAnswers(boolean lose) {
        loseAnswers.set(lose);
    }

    int refusedCount() {
        return refused.get();
    }

    List<Exchange> passed() {
        return List.copyOf(passed);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (down.get()) {
                refused.incrementAndGet();
                reply(exchange, 503, "application/problem+json",
                        "{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String path = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hubPort + path))
                    .timeout(Duration.ofSeconds(60))
                    .method(exchange.getRequestMethod(), body.length == 0
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            for (String header : List.of("Authorization", "Content-Type", "Accept")) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    request.header(header, value);
                }
            }
            HttpResponse<byte[]> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            passed.add(new Exchange(exchange.getRequestURI().getPath(), answer.statusCode(),
                    new String(body, StandardCharsets.UTF_8), new String(answer.body(), StandardCharsets.UTF_8)));
            if (loseAnswers.get()) {
                refused.incrementAndGet();
                reply(exchange, 503, "application/problem+json",
                        "{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            reply(exchange, answer.statusCode(), answer.headers().firstValue("Content-Type").orElse("application/json"), answer.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void reply(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
