package dev.iii.sdk.function;

import java.util.UUID;

import dev.iii.sdk.channel.ChannelOpener;
import tools.jackson.databind.JsonNode;

/**
 * What a handler knows about the invocation it serves.
 *
 * @param functionId     the function being invoked
 * @param invocationId   the engine's id for this invocation; {@code null} when no result is expected
 * @param metadata       per-invocation metadata (a trigger's metadata on trigger fires); {@code null} when none
 * @param traceparent    W3C trace context of the caller, or {@code null}
 * @param baggage        W3C baggage of the caller, or {@code null}
 * @param callerWorkerId the calling worker's id when another worker made the call, else {@code null}
 * @param channels       opens the channel refs of this invocation's payload (the same ref gives the same end);
 *                       {@code null} in a context made by hand, outside a worker
 */
public record InvocationContext(String functionId, UUID invocationId, JsonNode metadata, String traceparent,
        String baggage, String callerWorkerId, ChannelOpener channels) {

    /** A context without channels, such as a test makes to call a handler directly. */
    public InvocationContext(String functionId, UUID invocationId, JsonNode metadata, String traceparent,
            String baggage, String callerWorkerId) {
        this(functionId, invocationId, metadata, traceparent, baggage, callerWorkerId, null);
    }
}
