package dev.iii.sdk.discovery;

import tools.jackson.databind.JsonNode;

/**
 * One entry of {@code engine::functions::list}.
 *
 * @param functionId  function id
 * @param namespace   namespace it lives in
 * @param workerName  name of the worker that registered it
 * @param description description, or {@code null}
 * @param metadata    registration metadata, or {@code null}
 */
public record FunctionInfo(String functionId, String namespace, String workerName, String description,
        JsonNode metadata) {
}
