package dev.iii.sdk.discovery;

/**
 * One entry of {@code engine::triggers::list}: a trigger type, not a binding.
 *
 * @param id          trigger type id
 * @param namespace   namespace it is provided in
 * @param workerName  the providing worker, or the engine package for built-in types
 * @param description description
 */
public record TriggerTypeInfo(String id, String namespace, String workerName, String description) {
}
