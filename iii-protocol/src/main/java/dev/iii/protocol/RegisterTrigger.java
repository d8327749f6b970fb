package dev.iii.protocol;

import tools.jackson.databind.JsonNode;

/**
 * {@code registertrigger}: from a worker, bind a function to a trigger type; from the engine, ask the
 * provider of {@code triggerType} to start delivering events for this binding.
 *
 * @param id               binding id, stable across reconnects
 * @param triggerType      trigger type id
 * @param functionId       function to call when the trigger fires
 * @param config           type-specific configuration, required ({@code {}} when there is none)
 * @param metadata         delivered to the function as invocation metadata on every fire, optional
 * @param namespace        namespace of {@code functionId}; absent means {@code default}
 * @param triggerNamespace namespace of the provider; absent means the connection's, then {@code default}
 */
public record RegisterTrigger(String id, String triggerType, String functionId, JsonNode config, JsonNode metadata,
        String namespace, String triggerNamespace) implements Message {
    public RegisterTrigger {
        Fields.requiredText(id, "id");
        Fields.requiredText(triggerType, "trigger_type");
        Fields.requiredText(functionId, "function_id");
        Fields.required(config, "config");
        metadata = Fields.optionalJson(metadata);
    }
}
