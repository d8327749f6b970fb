package dev.iii.protocol;

import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * {@code invokefunction}: from a worker, call a function; from the engine, run one of this worker's
 * functions.
 * <p>
 * {@code callerWorkerId} is not a member of the frame: it is the engine's stamp inside an object
 * {@code data} (wire specification §3.8). The codec moves it out of {@code data} when it reads a frame and
 * back into an object {@code data} when it writes one, so neither side ever copies a payload tree for it.
 *
 * @param invocationId   present when the caller wants an {@link InvocationResult}; absent for void calls
 * @param functionId     target function
 * @param data           input payload, required (JSON {@code null} is a valid payload)
 * @param metadata       per-invocation metadata, optional
 * @param traceparent    W3C trace context, optional
 * @param baggage        W3C baggage, optional
 * @param action         void or enqueue, optional (worker to engine only)
 * @param namespace      namespace the target is looked up in; absent means {@code default}
 * @param callerWorkerId the calling worker's id, stamped by the engine into object payloads; optional
 */
public record InvokeFunction(UUID invocationId, String functionId, RawJson data, JsonNode metadata,
        String traceparent, String baggage, TriggerAction action, String namespace, String callerWorkerId)
        implements Message {

    /** The member of an object {@code data} that carries {@link #callerWorkerId()} on the wire. */
    public static final String CALLER_WORKER_ID = "_caller_worker_id";

    public InvokeFunction {
        Fields.requiredText(functionId, "function_id");
        Fields.required(data, "data");
        metadata = Fields.optionalJson(metadata);
    }

    /** A call as a worker sends it: no caller stamp, which only the engine adds. */
    public static InvokeFunction call(UUID invocationId, String functionId, RawJson data, JsonNode metadata,
            String traceparent, String baggage, TriggerAction action, String namespace) {
        return new InvokeFunction(invocationId, functionId, data, metadata, traceparent, baggage, action, namespace,
                null);
    }
}
