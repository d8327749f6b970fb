package dev.iii.sdk.function;

import tools.jackson.databind.JsonNode;

/**
 * Serves a function with the payload as a JSON tree.
 * <p>
 * Return the result (any value the worker's mapper can write, a {@link JsonNode}, {@code null} for no
 * value, or a {@link java.util.concurrent.CompletionStage} of one of those). Throw
 * {@link dev.iii.sdk.InvocationException} to choose the error code the caller receives; any other
 * exception reaches the caller as {@code invocation_failed}.
 */
@FunctionalInterface
public interface FunctionHandler {

    /**
     * @param payload the invocation's {@code data} as the caller sent it (the engine's
     *                {@code _caller_worker_id} stamp is in the context, not here)
     * @param context the invocation's metadata, ids and trace context
     */
    Object handle(JsonNode payload, InvocationContext context) throws Exception;
}
