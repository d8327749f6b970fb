package dev.iii.protocol;

import tools.jackson.databind.JsonNode;

/**
 * {@code registerfunction} (worker to engine): expose a function. Not acknowledged; a conflict is
 * answered with {@link RegistrationRejected}.
 *
 * @param id             function id, e.g. {@code orders::create}
 * @param description    shown in introspection, optional
 * @param requestFormat  JSON Schema of the input, optional
 * @param responseFormat JSON Schema of the output, optional
 * @param metadata       arbitrary JSON stored with the function, optional
 * @param invocation     present for functions the engine calls over HTTP, optional
 */
public record RegisterFunction(String id, String description, JsonNode requestFormat, JsonNode responseFormat,
        JsonNode metadata, HttpInvocationRef invocation) implements Message {
    public RegisterFunction {
        Fields.requiredText(id, "id");
        requestFormat = Fields.optionalJson(requestFormat);
        responseFormat = Fields.optionalJson(responseFormat);
        metadata = Fields.optionalJson(metadata);
    }
}
