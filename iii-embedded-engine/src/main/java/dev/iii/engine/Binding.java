package dev.iii.engine;

import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * A trigger: "when events of {@code triggerType} happen, call {@code functionId}". Active when bound to a
 * provider ({@link #activeOn} set), otherwise pending until a provider appears. Mutable state is guarded by
 * the engine lock.
 */
final class Binding {

    final String id;
    final String triggerType;
    final String functionId;
    final JsonNode config;
    final JsonNode metadata;
    /** Namespace the target function is resolved in. */
    final String namespace;
    /** Where to look for the provider; {@code null} = {@link #homeNamespace}, then default. */
    final String triggerNamespace;
    /** The registering connection's namespace. */
    final String homeNamespace;
    /** Registering connection, {@code null} for durable bindings made through {@code engine::register_trigger}. */
    final UUID ownerId;

    TypeKey activeOn;

    Binding(String id, String triggerType, String functionId, JsonNode config, JsonNode metadata,
            String namespace, String triggerNamespace, String homeNamespace, UUID ownerId) {
        this.id = id;
        this.triggerType = triggerType;
        this.functionId = functionId;
        this.config = config;
        this.metadata = metadata;
        this.namespace = namespace;
        this.triggerNamespace = triggerNamespace;
        this.homeNamespace = homeNamespace;
        this.ownerId = ownerId;
    }

    @Override
    public String toString() {
        return "binding " + id + " (" + triggerType + " -> " + functionId + ")";
    }
}
