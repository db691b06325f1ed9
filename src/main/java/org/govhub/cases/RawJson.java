package org.govhub.cases;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A stored JSON document as the UTF-8 bytes the database holds, written into a response unchanged.
 * The feed serves every record exactly as stored; decoding each one to a String only to encode it
 * again was most of the feed's CPU (bench/RESULTS.md, P2).
 */
public final class RawJson implements JsonSerializable, SerializableString {
    private final byte[] utf8;
    private String text;

    private RawJson(byte[] utf8) {
        this.utf8 = utf8;
    }

    /** The document; null stays null (an absent column). */
    public static RawJson of(byte[] utf8) {
        return utf8 == null ? null : new RawJson(utf8);
    }

    public static RawJson of(String text) {
        return text == null ? null : new RawJson(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The bytes themselves, not a copy: callers only read them. */
    public byte[] utf8() {
        return utf8;
    }

    @Override
    public void serialize(JsonGenerator gen, SerializerProvider serializers) throws IOException {
        gen.writeRawValue(this);
    }

    @Override
    public void serializeWithType(JsonGenerator gen, SerializerProvider serializers, TypeSerializer typeSer) throws IOException {
        serialize(gen, serializers);
    }

    @Override
    public String getValue() {
        if (text == null) {
            text = new String(utf8, StandardCharsets.UTF_8);
        }
        return text;
    }

    @Override
    public int charLength() {
        return getValue().length();
    }

    @Override
    public byte[] asUnquotedUTF8() {
        return utf8;
    }

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int offset) {
        if (utf8.length > buffer.length - offset) {
            return -1;
        }
        System.arraycopy(utf8, 0, buffer, offset, utf8.length);
        return utf8.length;
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
        out.write(utf8);
        return utf8.length;
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) {
        if (utf8.length > buffer.remaining()) {
            return -1;
        }
        buffer.put(utf8);
        return utf8.length;
    }

    @Override
    public int appendUnquoted(char[] buffer, int offset) {
        return quoting().appendUnquoted(buffer, offset);
    }

    // The quoted forms are never used for a raw value; they follow SerializedString for completeness.
    @Override
    public char[] asQuotedChars() {
        return quoting().asQuotedChars();
    }

    @Override
    public byte[] asQuotedUTF8() {
        return quoting().asQuotedUTF8();
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int offset) {
        return quoting().appendQuotedUTF8(buffer, offset);
    }

    @Override
    public int appendQuoted(char[] buffer, int offset) {
        return quoting().appendQuoted(buffer, offset);
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) throws IOException {
        return quoting().writeQuotedUTF8(out);
    }

    @Override
    public int putQuotedUTF8(ByteBuffer buffer) throws IOException {
        return quoting().putQuotedUTF8(buffer);
    }

    private SerializedString quoting() {
        return new SerializedString(getValue());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RawJson raw && Arrays.equals(utf8, raw.utf8);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(utf8);
    }

    @Override
    public String toString() {
        return getValue();
    }
}
