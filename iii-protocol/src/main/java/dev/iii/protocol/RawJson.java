package dev.iii.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;

/**
 * One JSON value kept as its UTF-8 text. Frames carry payloads ({@code data}, {@code result}) this way, so
 * that whoever only passes a payload on never builds or copies a tree of it, and whoever reads it binds it
 * straight from the bytes with the mapper of their choice.
 * <p>
 * Every instance holds exactly one well-formed JSON value: the factories either parse what they are given
 * or write it with Jackson. Immutable and thread-safe; equality is equality of the text.
 */
public final class RawJson {

    /** JSON {@code null}. */
    public static final RawJson NULL = new RawJson(utf8("null"));

    /** An empty JSON object, {@code {}}. */
    public static final RawJson EMPTY_OBJECT = new RawJson(utf8("{}"));

    private final byte[] bytes;
    private final int offset;
    private final int length;

    private RawJson(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    private RawJson(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
    }

    /**
     * Wraps bytes the codec has just read as one complete value; the caller guarantees both, and that the
     * array is never written again.
     */
    static RawJson wrap(byte[] bytes, int offset, int length) {
        return new RawJson(bytes, offset, length);
    }

    /** A tree as JSON text; {@code null} gives JSON {@code null}. */
    public static RawJson of(JsonNode tree) {
        if (tree == null || tree.isNull()) {
            return NULL;
        }
        return new RawJson(Json.MAPPER.writeValueAsBytes(tree));
    }

    /**
     * Any value written by {@code mapper} (so the application's naming and modules apply to it).
     *
     * @throws JacksonException when the mapper cannot write the value
     */
    public static RawJson write(ObjectMapper mapper, Object value) {
        if (value == null) {
            return NULL;
        }
        if (value instanceof RawJson raw) {
            return raw;
        }
        return new RawJson(mapper.writeValueAsBytes(value));
    }

    /**
     * Checks that {@code json} is exactly one JSON value and keeps it as it is.
     *
     * @throws ProtocolException when it is not
     */
    public static RawJson parse(String json) {
        byte[] bytes = utf8(json);
        return parse(bytes, 0, bytes.length);
    }

    /**
     * Checks that the UTF-8 bytes are exactly one JSON value and keeps a copy of them.
     *
     * @throws ProtocolException when they are not
     */
    public static RawJson parse(byte[] utf8, int offset, int length) {
        try (JsonParser parser = Json.MAPPER.createParser(utf8, offset, length)) {
            if (parser.nextToken() == null) {
                throw new ProtocolException("not JSON: no value");
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw new ProtocolException("not one JSON value: more follows the first");
            }
        }
        catch (JacksonException ex) {
            throw new ProtocolException("not JSON: " + ex.getOriginalMessage(), ex);
        }
        return new RawJson(Arrays.copyOfRange(utf8, offset, offset + length));
    }

    /** The value as a tree, built anew on every call (trees are mutable). */
    public JsonNode tree() {
        return Json.MAPPER.readTree(bytes, offset, length);
    }

    /**
     * Binds the value to {@code type} with {@code mapper}, straight from the bytes.
     *
     * @throws JacksonException when it does not bind
     */
    public <T> T read(ObjectMapper mapper, JavaType type) {
        return mapper.readValue(bytes, offset, length, type);
    }

    /**
     * Binds the value with {@code reader} (its type, attributes and features), straight from the bytes.
     *
     * @throws JacksonException when it does not bind
     */
    public <T> T read(ObjectReader reader) {
        return reader.readValue(bytes, offset, length);
    }

    /** Whether the value is a JSON object. */
    public boolean isObject() {
        return firstByte() == '{';
    }

    /** Whether the value is JSON {@code null}. */
    public boolean isNull() {
        return firstByte() == 'n';
    }

    /** Length of the text in UTF-8 bytes. */
    public int size() {
        return length;
    }

    /** A copy of the text in UTF-8. */
    public byte[] toByteArray() {
        return Arrays.copyOfRange(bytes, offset, offset + length);
    }

    /** The JSON text. */
    @Override
    public String toString() {
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RawJson raw
                && Arrays.equals(bytes, offset, offset + length, raw.bytes, raw.offset, raw.offset + raw.length);
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (int i = offset; i < offset + length; i++) {
            hash = 31 * hash + bytes[i];
        }
        return hash;
    }

    byte[] array() {
        return bytes;
    }

    int offset() {
        return offset;
    }

    private byte firstByte() {
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return b;
            }
        }
        return 0;
    }

    /** Whether the object has no member; only meaningful when {@link #isObject()}. */
    boolean isEmptyObject() {
        int end = lastNonBlank(offset + length - 1);
        return bytes[lastNonBlank(end - 1)] == '{';
    }

    /** Index of the closing brace of an object. */
    int closingBrace() {
        return lastNonBlank(offset + length - 1);
    }

    private int lastNonBlank(int from) {
        int i = from;
        while (i > offset && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\n' || bytes[i] == '\r')) {
            i--;
        }
        return i;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
