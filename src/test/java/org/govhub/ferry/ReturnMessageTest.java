package org.govhub.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReturnMessageTest {
    private final PeerNode inside = new PeerNode("int-test");

    @TempDir
    Path dir;

    private ReturnMessage receipt() {
        return inside.receipt(new Receipt("cases-000000000001.zip", "cases", 1L, "b", "c".repeat(64),
                Receipt.Status.accepted, null, null, Instant.now(), List.of(new Receipt.SubmissionReceipt("s", "s.ndjson",
                        Map.of("created", 1), List.of(new Receipt.RecordOutcome("A-1", 1L, "created", null))))));
    }

    @Test
    void aSignedReceiptReadsBackWithItsOutcomes() throws Exception {
        ReturnMessage message = receipt();
        Path file = Files.write(dir.resolve(message.fileName()), inside.returnMessage(message));
        ReturnMessage read = ReturnMessage.read(file, inside.trustedKey());
        assertEquals(message.messageId(), read.messageId());
        assertEquals("created", read.receipt().submissions().get(0).records().get(0).outcome());
    }

    @Test
    void aReceiptSignedByAnotherNodeIsRefused() throws Exception {
        ReturnMessage message = receipt();
        Path file = Files.write(dir.resolve(message.fileName()), new PeerNode("other").returnMessage(message));
        assertEquals(Rejection.BAD_SIGNATURE,
                assertThrows(BundleRejectedException.class, () -> ReturnMessage.read(file, inside.trustedKey())).reason());
    }

    @Test
    void anAlteredReceiptIsRefused() throws Exception {
        ReturnMessage message = receipt();
        byte[] body = new String(message.bytes(), StandardCharsets.UTF_8).replace("\"created\"", "\"updated\"")
                .getBytes(StandardCharsets.UTF_8);
        byte[] file = ReturnMessage.container(body, inside.sign(message.bytes()));
        Path path = Files.write(dir.resolve(message.fileName()), file);
        assertEquals(Rejection.BAD_SIGNATURE,
                assertThrows(BundleRejectedException.class, () -> ReturnMessage.read(path, inside.trustedKey())).reason());
    }

    @Test
    void aReceiptUnderAnotherMessagesNameIsRefused() throws Exception {
        ReturnMessage message = receipt();
        Path file = Files.write(dir.resolve("00000000-0000-0000-0000-000000000000.receipt.zip"), inside.returnMessage(message));
        assertEquals(Rejection.NAME_MISMATCH,
                assertThrows(BundleRejectedException.class, () -> ReturnMessage.read(file, inside.trustedKey())).reason());
    }
}
