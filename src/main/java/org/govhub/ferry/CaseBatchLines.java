package org.govhub.ferry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.govhub.common.StrictUtf8;

/**
 * Reads a {@code case-batch} entry: UTF-8 NDJSON, exactly one JSON object per line, as many lines as
 * the manifest declares records. Anything else is {@link Rejection#BAD_PAYLOAD}, found before any
 * record of the bundle is ingested. Each line is checked by streaming through it and handed on as
 * its bytes, which ingest reads as a direct push reads its body: no JSON tree is built. Plain Java.
 */
public final class CaseBatchLines {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private CaseBatchLines() {
    }

    /** One line: a checked JSON object in UTF-8, and its top-level {@code caseNo} as text ("" when it has none). */
    public record Line(byte[] json, String caseNo) {
    }

    /** The entry's lines in order. */
    public static List<Line> read(ManifestEntry entry, byte[] bytes) throws BundleRejectedException {
        try {
            StrictUtf8.decode(bytes); // the parser below lets overlong forms and lone surrogates through
        } catch (CharacterCodingException e) {
            throw Rejection.BAD_PAYLOAD.because("entry " + entry.name() + " is not UTF-8");
        }
        List<Line> records = new ArrayList<>();
        int start = 0;
        int line = 0;
        while (start < bytes.length) {
            int end = indexOf(bytes, (byte) '\n', start);
            line++;
            String caseNo = check(entry, line, bytes, start, end);
            records.add(new Line(Arrays.copyOfRange(bytes, start, end), caseNo));
            start = end + 1;
        }
        int declared = entry.records() == null ? 0 : entry.records();
        if (records.size() != declared) {
            throw Rejection.BAD_PAYLOAD.because("entry " + entry.name() + " holds " + records.size()
                    + " records, the manifest declares " + declared);
        }
        return records;
    }

    /**
     * One JSON object and nothing after it (the parser also refuses duplicate members); returns its
     * {@code caseNo}.
     */
    private static String check(ManifestEntry entry, int line, byte[] bytes, int start, int end) throws BundleRejectedException {
        try (JsonParser parser = JSON.createParser(bytes, start, end - start)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw Rejection.BAD_PAYLOAD.because("entry " + entry.name() + " line " + line + " is not a JSON object");
            }
            String caseNo = "";
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean isCaseNo = "caseNo".equals(parser.currentName());
                JsonToken value = parser.nextToken();
                if (isCaseNo && value.isScalarValue()) {
                    caseNo = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw Rejection.BAD_PAYLOAD.because("entry " + entry.name() + " line " + line
                        + " holds more than one JSON value");
            }
            return caseNo;
        } catch (IOException e) {
            throw Rejection.BAD_PAYLOAD.because("entry " + entry.name() + " line " + line + " is not JSON: "
                    + BundleManifest.firstLine(e.getMessage()));
        }
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return bytes.length;
    }
}
