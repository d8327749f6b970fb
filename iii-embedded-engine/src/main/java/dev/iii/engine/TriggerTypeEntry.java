package dev.iii.engine;

import tools.jackson.databind.JsonNode;

/**
 * A registered trigger type.
 *
 * @param key                  namespace and id
 * @param description          as registered
 * @param triggerRequestFormat JSON Schema of a binding's config, optional
 * @param callRequestFormat    JSON Schema of the payload, optional
 * @param provider             delivers the events
 * @param owner                the providing worker, {@code null} for in-engine types
 * @param builtinWorkerName    for in-engine types the worker name shown in listings ({@code http}),
 *                             else {@code null}
 */
record TriggerTypeEntry(TypeKey key, String description, JsonNode triggerRequestFormat,
        JsonNode callRequestFormat, TriggerProvider provider, WorkerConnection owner, String builtinWorkerName) {

    String workerName() {
        if (owner != null && owner.name() != null) {
            return owner.name();
        }
        if (builtinWorkerName != null) {
            return builtinWorkerName;
        }
        return RegisteredFunction.firstSegment(key.id());
    }
}
