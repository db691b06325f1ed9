package org.govhub.cases;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.crypto.digests.SM3Digest;

/** The exact bytes of each feed entry's record, cut out of a feed response (a JSON page or NDJSON lines). */
final class ServedRecords {
    private ServedRecords() {
    }

    /** Each entry's record bytes under the entry's contentSm3. */
    static Map<String, byte[]> bySm3(byte[] body) throws IOException {
        Map<String, byte[]> records = new LinkedHashMap<>();
        String sm3 = null;
        byte[] record = null;
        try (JsonParser p = CaseJson.MAPPER.getFactory().createParser(body)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t != JsonToken.FIELD_NAME) {
                    continue;
                }
                String field = p.currentName();
                p.nextToken();
                if (field.equals("contentSm3")) {
                    sm3 = p.getText();
                } else if (field.equals("record")) {
                    int from = (int) p.currentTokenLocation().getByteOffset();
                    p.skipChildren();
                    record = Arrays.copyOfRange(body, from, (int) p.currentTokenLocation().getByteOffset() + 1);
                } else if (!field.equals("entries")) {
                    p.skipChildren();
                }
                if (sm3 != null && record != null) {
                    records.put(sm3, record);
                    sm3 = null;
                    record = null;
                }
            }
        }
        return records;
    }

    static String sm3(byte[] bytes) {
        SM3Digest digest = new SM3Digest();
        digest.update(bytes, 0, bytes.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return HexFormat.of().formatHex(out);
    }
}
