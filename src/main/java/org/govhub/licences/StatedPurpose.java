package org.govhub.licences;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.govhub.common.StrictUtf8;
import org.govhub.common.problem.ProblemException;

/**
 * Why the caller reads personal data: the {@code X-Purpose} header, e.g. the case number the query
 * serves. Required for every read of licence data, and written into the audit trail with the read.
 * Non-ASCII text may come as percent-encoded UTF-8 ({@code %E5%8A%9E...}) or as raw UTF-8 bytes.
 */
public final class StatedPurpose {
    public static final String HEADER = "X-Purpose";
    static final int MAX_LENGTH = 500;
    private static final Pattern PERCENT = Pattern.compile("%[0-9A-Fa-f]{2}");

    private StatedPurpose() {
    }

    /** The decoded purpose, or a 400 problem when it is missing, blank or too long. */
    public static String require(String header) {
        if (header == null || header.isBlank()) {
            throw ProblemException.invalidField(HEADER, "state the purpose of this query of personal data,"
                    + " e.g. the case number it serves; the read is recorded with it");
        }
        String text = utf8FromLatin1(header.strip());
        if (PERCENT.matcher(text).find()) {
            text = percentDecoded(text);
        }
        if (text.length() > MAX_LENGTH) {
            throw ProblemException.invalidField(HEADER, "has " + text.length() + " characters; at most " + MAX_LENGTH);
        }
        return text;
    }

    /** HTTP header bytes arrive as ISO-8859-1; raw UTF-8 sent by curl is restored when it decodes cleanly. */
    private static String utf8FromLatin1(String value) {
        boolean high = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xFF) {
                return value;
            }
            high |= c >= 0x80;
        }
        return high ? decodeOr(value.getBytes(StandardCharsets.ISO_8859_1), value) : value;
    }

    private static String percentDecoded(String value) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        int plainStart = 0;
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) == '%' && i + 2 < value.length() && PERCENT.matcher(value.substring(i, i + 3)).matches()) {
                bytes.writeBytes(value.substring(plainStart, i).getBytes(StandardCharsets.UTF_8));
                bytes.write(Integer.parseInt(value.substring(i + 1, i + 3), 16));
                i += 2;
                plainStart = i + 1;
            }
        }
        bytes.writeBytes(value.substring(plainStart).getBytes(StandardCharsets.UTF_8));
        return decodeOr(bytes.toByteArray(), value);
    }

    private static String decodeOr(byte[] bytes, String fallback) {
        try {
            return StrictUtf8.decode(bytes);
        } catch (CharacterCodingException e) {
            return fallback;
        }
    }
}
