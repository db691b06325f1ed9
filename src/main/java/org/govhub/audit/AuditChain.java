package org.govhub.audit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;
import org.govhub.signing.Sm3;

/**
 * How a row's hash is computed: SM3 over the previous hash and every field of the row, each field
 * length-prefixed so that no two different rows can produce the same input.
 */
final class AuditChain {
    static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    static String hash(AuditEvent e) {
        String input = Arrays.stream(new Object[] {e.prevHash, e.seq, e.occurredAt, e.clientId, e.operation,
                        e.resourceType, e.resourceId, e.outcome, e.purpose, e.requestSm3, e.subjectDigest})
                .map(AuditChain::field)
                .collect(Collectors.joining());
        return Sm3.hex(Sm3.digest(input.getBytes(StandardCharsets.UTF_8)));
    }

    private static String field(Object value) {
        if (value == null) {
            return "-1:";
        }
        String text = Objects.toString(value);
        return text.length() + ":" + text;
    }
}
