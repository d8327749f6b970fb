package dev.iii.sdk.discovery;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

/**
 * One entry of {@code engine::functions::list}, and of {@code engine::functions-available} events, in the
 * engine's snake_case; {@code description} and {@code metadata} are left out when absent, as the engine does.
 *
 * @param functionId  function id
 * @param namespace   namespace it lives in
 * @param workerName  name of the worker that registered it
 * @param description description, or {@code null}
 * @param metadata    registration metadata, or {@code null}
 */
public record FunctionInfo(@JsonProperty("function_id") String functionId, String namespace,
        @JsonProperty("worker_name") String workerName,
        @JsonInclude(JsonInclude.Include.NON_NULL) String description,
        @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode metadata) {
}
