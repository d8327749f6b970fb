package dev.iii.sdk;

import java.lang.reflect.Type;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Binds payloads and results to Java types with the worker's mapper. A payload that does not bind becomes
 * an {@link ErrorCode#INVALID_REQUEST} error naming the function, the type and the JSON path.
 */
final class PayloadBinder {

    private final JsonMapper mapper;

    PayloadBinder(JsonMapper mapper) {
        this.mapper = mapper;
    }

    JavaType type(Type type) {
        return mapper.constructType(type);
    }

    <T> T bindPayload(JsonNode payload, JavaType type, String functionId) {
        try {
            return mapper.treeToValue(payload, type);
        }
        catch (JacksonException ex) {
            throw InvocationException.invalidRequest(functionId, type.getRawClass().getSimpleName(), ex);
        }
    }

    <T> T bindResult(JsonNode result, JavaType type, String functionId) {
        try {
            return mapper.treeToValue(result, type);
        }
        catch (JacksonException ex) {
            throw new InvocationException(ErrorCode.DESERIALIZATION_ERROR, "Result of " + functionId
                    + " does not bind to " + type.getRawClass().getSimpleName() + ": " + ex.getOriginalMessage(),
                    functionId, null, ex);
        }
    }

    /** Any value as a JSON tree; {@code null} stays {@code null} (absent). */
    JsonNode toTree(Object value) {
        if (value == null || value instanceof JsonNode) {
            return (JsonNode) value;
        }
        return mapper.valueToTree(value);
    }
}
