package dev.iii.sdk.protocol;

import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * {@code invokefunction}: from a worker, call a function; from the engine, run one of this worker's
 * functions.
 *
 * @param invocationId present when the caller wants an {@link InvocationResult}; absent for void calls
 * @param functionId   target function
 * @param data         input payload, required (JSON {@code null} is a valid payload)
 * @param metadata     per-invocation metadata, optional
 * @param traceparent  W3C trace context, optional
 * @param baggage      W3C baggage, optional
 * @param action       void or enqueue, optional (worker to engine only)
 * @param namespace    namespace the target is looked up in; absent means {@code default}
 */
public record InvokeFunction(UUID invocationId, String functionId, JsonNode data, JsonNode metadata,
        String traceparent, String baggage, TriggerAction action, String namespace) implements Message {
    public InvokeFunction {
        Fields.requiredText(functionId, "function_id");
        Fields.required(data, "data");
        metadata = Fields.optionalJson(metadata);
    }
}
