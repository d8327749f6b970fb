package dev.iii.sdk.function;

import java.util.UUID;

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
 */
public record InvocationContext(String functionId, UUID invocationId, JsonNode metadata, String traceparent,
        String baggage, String callerWorkerId) {
}
