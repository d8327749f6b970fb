package dev.iii.protocol;

import java.util.UUID;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The routing members of a frame that could not be decoded: enough to answer an {@code invokefunction}
 * whose payload is too large or malformed, because the engine writes {@code type}, {@code invocation_id}
 * and {@code function_id} before {@code data}.
 *
 * @param type         the frame's {@code type}, or {@code null}
 * @param invocationId its {@code invocation_id} when that is a UUID, or {@code null}
 * @param functionId   its {@code function_id}, or {@code null}
 */
public record FrameHead(String type, UUID invocationId, String functionId) {

    /** Reads the root string members up to the first that cannot be read; never throws. */
    static FrameHead read(byte[] frame, int length) {
        String type = null;
        UUID invocationId = null;
        String functionId = null;
        try (JsonParser parser = Json.MAPPER.createParser(frame, 0, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return new FrameHead(null, null, null);
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_STRING) {
                    switch (name) {
                        case "type" -> type = parser.getString();
                        case "invocation_id" -> invocationId = uuidOrNull(parser.getString());
                        case "function_id" -> functionId = parser.getString();
                        default -> {
                        }
                    }
                }
                else {
                    parser.skipChildren();
                }
            }
        }
        catch (JacksonException ex) {
            // Cut short or malformed from here on: what was read so far is the answer.
        }
        return new FrameHead(type, invocationId, functionId);
    }

    private static UUID uuidOrNull(String text) {
        try {
            return UUID.fromString(text);
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }
}
