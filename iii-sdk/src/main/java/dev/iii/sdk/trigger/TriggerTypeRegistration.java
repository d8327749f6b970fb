package dev.iii.sdk.trigger;

import java.util.concurrent.CompletableFuture;

import dev.iii.sdk.Registration;
import tools.jackson.databind.JsonNode;

/**
 * A trigger type this worker provides. {@link #unregister()} stops serving it and sends
 * {@code unregistertriggertype}: engines from 0.25 drop the type and move its bindings to another provider;
 * 0.23 engines ignore the message, so there the type stays announced until the connection closes, and new
 * bindings are answered with {@code trigger_type_not_found}.
 */
public interface TriggerTypeRegistration extends Registration {

    /** The trigger type id. */
    String id();

    /**
     * Fires a binding: calls its function with {@code payload}, the binding's metadata and namespace, and
     * waits for the result.
     */
    CompletableFuture<JsonNode> fire(TriggerBinding binding, Object payload);

    /** Fires a binding without waiting for a result. */
    void fireAndForget(TriggerBinding binding, Object payload);
}
