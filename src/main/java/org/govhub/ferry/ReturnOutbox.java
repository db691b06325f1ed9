package org.govhub.ferry;

import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.govhub.common.HubClock;
import org.govhub.signing.SigningService;

/**
 * Receipts and resend requests on their way into the return gap (internal node). A message is stored
 * in the transaction that decided it; the ferry-receipts route writes it afterwards, signing the
 * stored bytes, and marks it written. Re-issuing a receipt marks it unwritten again.
 */
@ApplicationScoped
public class ReturnOutbox {
    private final FerryNode node;
    private final HubClock clock;
    private final SigningService signing;

    public ReturnOutbox(FerryNode node, HubClock clock, SigningService signing) {
        this.node = node;
        this.clock = clock;
        this.signing = signing;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public ReturnMessage storeReceipt(Receipt receipt) {
        return store(new ReturnMessage(ReturnMessage.FORMAT, ReturnMessage.Kind.receipt, UUID.randomUUID().toString(),
                node.nodeId(), clock.instant(), node.certificateSm3(), receipt, null), receipt.lane(), receipt.sequence());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public ReturnMessage storeResendRequest(ResendRequest request) {
        return store(new ReturnMessage(ReturnMessage.FORMAT, ReturnMessage.Kind.resend, UUID.randomUUID().toString(),
                node.nodeId(), clock.instant(), node.certificateSm3(), null, request), request.lane(), request.fromSequence());
    }

    /** Queues a stored message to be written again (e.g. the receipt of a bundle the sender shipped twice). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reissue(String messageId) {
        ReturnRecord record = ReturnRecord.findById(messageId);
        if (record != null) {
            record.writtenAt = null;
        }
    }

    /** Files to write now, oldest first, freshly signed. */
    @Transactional
    public List<FerryFile> pending(int limit) {
        List<ReturnRecord> records = ReturnRecord.<ReturnRecord>find("writtenAt is null order by createdAt, messageId")
                .page(Page.ofSize(limit)).list();
        return records.stream().map(r -> {
            byte[] body = r.body.getBytes(StandardCharsets.UTF_8);
            return new FerryFile(r.fileName, ReturnMessage.container(body, signing.sign(body)), r.messageId);
        }).toList();
    }

    @Transactional
    public void written(String messageId) {
        ReturnRecord record = ReturnRecord.findById(messageId);
        if (record != null) {
            record.writtenAt = clock.instant();
            record.writeCount++;
        }
    }

    private ReturnMessage store(ReturnMessage message, String lane, Long sequence) {
        ReturnRecord record = new ReturnRecord();
        record.messageId = message.messageId();
        record.kind = message.kind().name();
        record.fileName = message.fileName();
        record.lane = lane;
        record.sequence = sequence;
        record.body = new String(message.bytes(), StandardCharsets.UTF_8);
        record.createdAt = message.createdAt();
        record.writeCount = 0;
        record.persist();
        return message;
    }
}
