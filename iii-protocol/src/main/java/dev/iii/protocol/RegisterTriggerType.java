package dev.iii.protocol;

import tools.jackson.databind.JsonNode;

/**
 * {@code registertriggertype} (worker to engine): this worker provides a trigger type.
 *
 * @param id                   trigger type id, e.g. {@code webhook::github}
 * @param description          required by the engine; {@code ""} when there is none
 * @param triggerRequestFormat JSON Schema of a binding's {@code config}, optional
 * @param callRequestFormat    JSON Schema of the payload sent to bound functions, optional
 * @param namespace            namespace served; absent means the connection's namespace
 */
public record RegisterTriggerType(String id, String description, JsonNode triggerRequestFormat,
        JsonNode callRequestFormat, String namespace) implements Message {
    public RegisterTriggerType {
        Fields.requiredText(id, "id");
        Fields.required(description, "description");
        triggerRequestFormat = Fields.optionalJson(triggerRequestFormat);
        callRequestFormat = Fields.optionalJson(callRequestFormat);
    }
}
