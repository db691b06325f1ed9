package org.govhub.licences;

import static io.restassured.RestAssured.given;
import static org.govhub.licences.LicenceFixtures.PURPOSE;
import static org.govhub.licences.LicenceFixtures.metadata;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.govhub.signing.Sm3;
import org.govhub.testing.Clients;
import org.govhub.testing.HubTest;
import org.junit.jupiter.api.Test;

/**
 * A file large enough to go multipart into S3 (parts of 16 MiB) streams in and out unchanged. The
 * 200 MB case with the JVM capped at 256 MB is bench/licence-large-file.sh.
 */
@QuarkusTest
@HubTest
class LicenceStreamingTest {
    private static final int SIZE = 30 * 1024 * 1024 + 4321;

    @Test
    void thirtyMegabyteFileRoundTripsByteForByte() throws Exception {
        Path dir = Files.createTempDirectory("licence-streaming");
        Path source = dir.resolve("large.pdf");
        Sm3.Hasher sm3 = Sm3.hasher();
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        try (OutputStream out = Files.newOutputStream(source)) {
            Random random = new Random(2026);
            byte[] chunk = new byte[1 << 20];
            for (int written = 0; written < SIZE; ) {
                random.nextBytes(chunk);
                if (written == 0) {
                    System.arraycopy("%PDF-1.7\n".getBytes(), 0, chunk, 0, 9);
                }
                int n = Math.min(chunk.length, SIZE - written);
                out.write(chunk, 0, n);
                sm3.update(chunk, 0, n);
                sha256.update(chunk, 0, n);
                written += n;
            }
        }
        String expectedSm3 = Sm3.hex(sm3.finish());
        String expectedSha256 = HexFormat.of().formatHex(sha256.digest());
        Clients.Registered department = Clients.register("3303", "department");
        Map<String, Object> metadata = metadata("330303");
        String id = (String) metadata.get("id");

        given().auth().oauth2(department.token()).multiPart(LicenceFixtures.metadataPart(metadata))
                .multiPart("file", source.toFile(), "application/pdf").post("/api/v1/licences")
                .then().statusCode(201).body("file.size", equalTo(SIZE)).body("file.sm3", equalTo(expectedSm3));

        MessageDigest downloaded = MessageDigest.getInstance("SHA-256");
        long count = 0;
        try (InputStream in = given().auth().oauth2(department.token()).header("X-Purpose", PURPOSE)
                .get("/api/v1/licences/" + id + "/file").then().statusCode(200)
                .header("Content-Length", String.valueOf(SIZE)).extract().asInputStream()) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) != -1; count += n) {
                downloaded.update(buffer, 0, n);
            }
        }
        assertEquals(SIZE, count);
        assertEquals(expectedSha256, HexFormat.of().formatHex(downloaded.digest()));

        long partBoundary = 16L * 1024 * 1024;
        byte[] across = given().auth().oauth2(department.token()).header("X-Purpose", PURPOSE)
                .header("Range", "bytes=" + (partBoundary - 50) + "-" + (partBoundary + 49))
                .get("/api/v1/licences/" + id + "/file").then().statusCode(206).extract().asByteArray();
        byte[] expected = new byte[100];
        try (RandomAccessFile file = new RandomAccessFile(source.toFile(), "r")) {
            file.seek(partBoundary - 50);
            file.readFully(expected);
        }
        assertArrayEquals(expected, across);
        Files.delete(source);
        Files.delete(dir);
    }
}
