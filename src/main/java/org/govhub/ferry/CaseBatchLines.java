package org.govhub.ferry;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code case-batch} entry: UTF-8 NDJSON, exactly one JSON object per line, as many lines as
 * the manifest declares records. Anything else is {@link Rejection#BAD_PAYLOAD}, found before any
 * record of the bundle is ingested. Plain Java.
 */
public final class CaseBatchLines {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private CaseBatchLines() {
    }

    public static List<JsonNode> read(ManifestEntry entry, byte[] bytes) throws BundleRejectedException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw Rejection.BAD_PAYLOAD.because("entry " + entry.name() + " is not UTF-8");
        }
        List<JsonNode> records = new ArrayList<>();
        int start = 0;
        int line = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            line++;
            String json = text.substring(start, end);
            JsonNode node;
            try {
                node = JSON.readTree(json);
            } catch (IOException e) {
                throw Rejection.BAD_PAYLOAD.because("entry " + entry.name() + " line " + line + " is not JSON: "
                        + BundleManifest.firstLine(e.getMessage()));
            }
            if (node == null || !node.isObject()) {
                throw Rejection.BAD_PAYLOAD.because("entry " + entry.name() + " line " + line + " is not a JSON object");
            }
            records.add(node);
            start = end + 1;
        }
        int declared = entry.records() == null ? 0 : entry.records();
        if (records.size() != declared) {
            throw Rejection.BAD_PAYLOAD.because("entry " + entry.name() + " holds " + records.size()
                    + " records, the manifest declares " + declared);
        }
        return records;
    }
}
