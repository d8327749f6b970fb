package dev.iii.sdk.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns {@link Message}s into JSON text frames and back, following the framing rules of the wire
 * specification (§2): lowercase {@code type} first, {@code snake_case} members, optional members left out
 * when absent, absent and {@code null} read alike, unknown members and unknown types ignored, required
 * members enforced.
 * <p>
 * The codec owns its own mapper, so the application's Jackson configuration can never change the wire.
 * Instances are immutable and thread-safe.
 */
public final class MessageCodec {

    private final JsonMapper mapper = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .changeDefaultPropertyInclusion(inclusion -> inclusion
                    .withValueInclusion(JsonInclude.Include.NON_NULL)
                    .withContentInclusion(JsonInclude.Include.NON_NULL))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    /**
     * Encodes a message as the text of one WebSocket frame.
     *
     * @throws IllegalArgumentException for an {@link UnknownMessage}, which is never sent, and for a namespace
     *                                  member that is present but blank, which the engine refuses (decoding
     *                                  accepts one, so that a receiver can answer it)
     */
    public String encode(Message message) {
        if (message instanceof UnknownMessage) {
            throw new IllegalArgumentException("an unknown message cannot be encoded");
        }
        String blank = blankNamespaceMember(message);
        if (blank != null) {
            throw new IllegalArgumentException("member '" + blank + "' is blank: give it a name or leave it out");
        }
        return mapper.writeValueAsString(message);
    }

    /** The namespace member of {@code message} that is present but blank, or {@code null}. */
    public static String blankNamespaceMember(Message message) {
        if (message instanceof InvokeFunction m && isBlank(m.namespace())) {
            return "namespace";
        }
        if (message instanceof RegisterTriggerType m && isBlank(m.namespace())) {
            return "namespace";
        }
        if (message instanceof RegisterTrigger m) {
            return isBlank(m.namespace()) ? "namespace" : isBlank(m.triggerNamespace()) ? "trigger_namespace" : null;
        }
        return null;
    }

    private static boolean isBlank(String value) {
        return value != null && value.isBlank();
    }

    /**
     * Decodes the text of one frame. A frame with an unknown {@code type} decodes to an
     * {@link UnknownMessage}.
     *
     * @throws ProtocolException when the frame is not a valid message
     */
    public Message decode(String text) {
        Message message;
        try {
            message = mapper.readValue(text, Message.class);
        }
        catch (ValueInstantiationException ex) {
            Throwable reason = ex.getCause() != null ? ex.getCause() : ex;
            throw new ProtocolException("invalid " + typeName(ex) + " frame: " + reason.getMessage(), ex);
        }
        catch (JacksonException ex) {
            throw new ProtocolException("invalid frame: " + ex.getOriginalMessage(), ex);
        }
        if (message == null) {
            throw new ProtocolException("invalid frame: not a JSON object");
        }
        return message;
    }

    /**
     * Binds a JSON shape the engine defines (the result of an {@code engine::*} function, a discovery event)
     * with the wire's naming rules.
     *
     * @throws ProtocolException when the shape does not match
     */
    public <T> T convert(JsonNode node, Class<T> type) {
        try {
            return mapper.treeToValue(node, type);
        }
        catch (JacksonException ex) {
            throw new ProtocolException("unexpected " + type.getSimpleName() + " shape: " + ex.getOriginalMessage(), ex);
        }
    }

    private static String typeName(ValueInstantiationException ex) {
        return ex.getType() != null ? ex.getType().getRawClass().getSimpleName() : "message";
    }
}
