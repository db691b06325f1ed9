package org.govhub.common.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The S3 client's body reads give up after the read timeout even without okio's per-read watchdog. */
class S3HttpClientTest {
    private static final byte[] FIRST_PART = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);

    private ServerSocket server;
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void startStallingServer() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::answerThenStall, "stalling-s3");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stop() throws IOException {
        release.countDown();
        server.close();
    }

    @Test
    void aBodyThatStopsArrivingEndsInASocketTimeout() throws IOException {
        OkHttpClient client = S3HttpClient.forEndpoint(endpoint(), 400);
        try (Response response = client.newCall(new Request.Builder().url(endpoint() + "/bucket/object").build()).execute()) {
            assertEquals(0, response.body().source().timeout().timeoutNanos(), "okio's watchdog timeout is off for bodies");
            InputStream body = response.body().byteStream();
            byte[] first = new byte[FIRST_PART.length];
            for (int read = 0; read < first.length; ) {
                read += body.read(first, read, first.length - read);
            }
            assertArrayEquals(FIRST_PART, first);
            long started = System.nanoTime();
            assertThrows(SocketTimeoutException.class, () -> body.read(new byte[1024]));
            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(waited.compareTo(Duration.ofMillis(300)) > 0 && waited.compareTo(Duration.ofSeconds(10)) < 0,
                    "the read gave up after " + waited);
        }
    }

    @Test
    void aCompleteBodyIsReadWhole() throws IOException {
        OkHttpClient client = S3HttpClient.forEndpoint(endpoint(), 400);
        try (Response response = client.newCall(new Request.Builder().url(endpoint() + "/bucket/object")
                .header("X-Complete", "yes").build()).execute()) {
            assertArrayEquals(FIRST_PART, response.body().bytes());
        }
    }

    private String endpoint() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    private void answerThenStall() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                String request = new String(readHead(socket.getInputStream()), StandardCharsets.US_ASCII);
                boolean complete = request.toLowerCase().contains("x-complete: yes");
                OutputStream out = socket.getOutputStream();
                int declared = complete ? FIRST_PART.length : 1_000_000;
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\nContent-Length: " + declared
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(FIRST_PART);
                out.flush();
                release.await(30, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException e) {
                return;
            }
        }
    }

    private static byte[] readHead(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        for (int b; matched < 4 && (b = in.read()) != -1; ) {
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toByteArray();
    }
}
