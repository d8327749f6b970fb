package dev.iii.sdk.discovery;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One entry of {@code engine::triggers::list}: a trigger type, not a binding.
 *
 * @param id          trigger type id
 * @param namespace   namespace it is provided in
 * @param workerName  the providing worker, or the engine package for built-in types
 * @param description description
 */
public record TriggerTypeInfo(String id, String namespace, @JsonProperty("worker_name") String workerName,
        String description) {
}
