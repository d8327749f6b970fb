package dev.iii.sdk.trigger;

/**
 * A trigger type this worker provides.
 *
 * @param id                   trigger type id, e.g. {@code webhook::github}
 * @param description          shown in introspection; {@code null} sends {@code ""}
 * @param triggerRequestFormat JSON Schema of a binding's config; optional
 * @param callRequestFormat    JSON Schema of the payload sent to bound functions; optional
 */
public record TriggerTypeDefinition(String id, String description, Object triggerRequestFormat,
        Object callRequestFormat) {

    public TriggerTypeDefinition {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("trigger type id must not be blank");
        }
    }

    /** A trigger type without schemas. */
    public static TriggerTypeDefinition of(String id, String description) {
        return new TriggerTypeDefinition(id, description, null, null);
    }
}
