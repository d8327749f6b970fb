package dev.iii.sdk.trigger;

/**
 * A binding of a function to a trigger type, as a worker asks for it.
 *
 * @param type             trigger type id: {@code http}, {@code cron}, {@code durable:subscriber}, or one a
 *                         worker provides
 * @param functionId       function to call when it fires
 * @param config           type-specific configuration (a {@code Map}, a record, a JSON tree...);
 *                         {@code null} sends {@code {}}
 * @param metadata         delivered to the function as invocation metadata on every fire; optional
 * @param namespace        namespace of {@code functionId}; {@code null} uses the worker's namespace
 * @param triggerNamespace namespace of the trigger type's provider; {@code null} lets the engine look in the
 *                         worker's namespace, then {@code default}
 */
public record TriggerRequest(String type, String functionId, Object config, Object metadata, String namespace,
        String triggerNamespace) {

    public TriggerRequest {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("trigger type must not be blank");
        }
        if (functionId == null || functionId.isBlank()) {
            throw new IllegalArgumentException("function id must not be blank");
        }
        if (namespace != null && namespace.isBlank() || triggerNamespace != null && triggerNamespace.isBlank()) {
            throw new IllegalArgumentException("namespace is blank: give it a name or leave it out");
        }
    }

    /** A binding in the worker's own namespaces. */
    public static TriggerRequest of(String type, String functionId, Object config) {
        return new TriggerRequest(type, functionId, config, null, null, null);
    }

    public TriggerRequest withMetadata(Object metadata) {
        return new TriggerRequest(type, functionId, config, metadata, namespace, triggerNamespace);
    }

    public TriggerRequest withNamespace(String namespace) {
        return new TriggerRequest(type, functionId, config, metadata, namespace, triggerNamespace);
    }

    public TriggerRequest withTriggerNamespace(String triggerNamespace) {
        return new TriggerRequest(type, functionId, config, metadata, namespace, triggerNamespace);
    }
}
