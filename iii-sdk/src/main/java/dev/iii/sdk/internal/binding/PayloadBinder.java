package dev.iii.sdk.internal.binding;

import java.lang.reflect.Type;

import dev.iii.protocol.RawJson;
import dev.iii.sdk.ErrorCode;
import dev.iii.sdk.InvocationException;
import dev.iii.sdk.channel.ChannelOpener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Moves values between Java and JSON with the application's mapper: payloads and results are written
 * straight to {@link RawJson} and bound straight from it, never through a tree. A payload that does not bind
 * becomes an {@link ErrorCode#INVALID_REQUEST} error naming the function and the JSON path.
 */
public final class PayloadBinder {

    private static final Logger log = LoggerFactory.getLogger(PayloadBinder.class);

    private final JsonMapper mapper;

    public PayloadBinder(JsonMapper mapper) {
        this.mapper = mapper;
    }

    /** A reader of {@code type}, made once per function or call rather than once per value. */
    public ObjectReader reader(Type type) {
        return mapper.readerFor(mapper.constructType(type));
    }

    /**
     * A value as JSON text; {@code null} is JSON {@code null}.
     *
     * @throws JacksonException when the mapper cannot write it
     */
    public RawJson write(Object value) {
        return RawJson.write(mapper, value);
    }

    /** A value as a tree, for the JSON members of registrations; {@code null} stays {@code null} (absent). */
    public JsonNode toTree(Object value) {
        if (value == null || value instanceof JsonNode) {
            return (JsonNode) value;
        }
        return mapper.valueToTree(value);
    }

    /**
     * Binds an invocation's payload, channel refs to ends of {@code channels}; the caller of a payload that does
     * not bind hears why, in its terms.
     */
    public <T> T bindPayload(RawJson payload, ObjectReader reader, String functionId, ChannelOpener channels) {
        try {
            return payload.read(channels.bindingRefs(reader));
        }
        catch (JacksonException ex) {
            log.debug("the payload of {} does not bind to {}: {}", functionId, reader.getValueType(),
                    ex.getOriginalMessage());
            throw InvocationException.invalidRequest(functionId, "the payload", ex);
        }
    }

    /** Binds a call's result, channel refs to ends of {@code channels}. */
    public <T> T bindResult(RawJson result, ObjectReader reader, String functionId, ChannelOpener channels) {
        try {
            return result.read(channels.bindingRefs(reader));
        }
        catch (JacksonException ex) {
            throw new InvocationException(ErrorCode.DESERIALIZATION_ERROR, "Result of " + functionId + " does not bind to "
                    + reader.getValueType().getRawClass().getSimpleName() + ": " + ex.getOriginalMessage(),
                    functionId, null, ex);
        }
    }
}
