package dev.iii.engine;

import tools.jackson.databind.JsonNode;

/**
 * A function the engine can route to: owned by a worker connection, or run in-process.
 *
 * @param key            namespace and id
 * @param description    optional
 * @param requestFormat  JSON Schema of the input, optional
 * @param responseFormat JSON Schema of the output, optional
 * @param metadata       optional
 * @param owner          the worker that registered it, {@code null} for in-process functions
 * @param inProcess      the in-process implementation, {@code null} for worker functions
 */
record RegisteredFunction(FunctionKey key, String description, JsonNode requestFormat, JsonNode responseFormat,
        JsonNode metadata, WorkerConnection owner, EngineFunction inProcess) {

    /** Name of the in-process worker that owns the {@code engine::*} functions in listings. */
    static final String ENGINE_FUNCTIONS_WORKER = "iii-engine-functions";

    /** The worker name shown in listings: the owner's name, else the id's first {@code ::} segment. */
    String workerName() {
        if (owner != null && owner.name() != null) {
            return owner.name();
        }
        if (inProcess != null) {
            return ENGINE_FUNCTIONS_WORKER;
        }
        return firstSegment(key.id());
    }

    static String firstSegment(String id) {
        int at = id.indexOf("::");
        return at < 0 ? id : id.substring(0, at);
    }
}
