package dev.iii.sdk.trigger;

import tools.jackson.databind.JsonNode;

/**
 * A binding of some worker's function to a trigger type this worker provides, as the engine hands it over.
 *
 * @param id               binding id
 * @param triggerType      the trigger type
 * @param functionId       function to fire
 * @param config           the binding's configuration
 * @param metadata         to send as invocation metadata on every fire; may be {@code null}
 * @param namespace        namespace of {@code functionId}; {@code null} means {@code default}
 * @param triggerNamespace namespace the provider was found in, when not {@code default}
 */
public record TriggerBinding(String id, String triggerType, String functionId, JsonNode config, JsonNode metadata,
        String namespace, String triggerNamespace) {
}
