package dev.iii.engine;

import tools.jackson.databind.JsonNode;

/** An {@code engine::*} function that runs inside the engine instead of on a worker. */
@FunctionalInterface
interface EngineFunction {

    /**
     * Runs the function on an engine worker thread (never a socket thread), so it may block briefly.
     *
     * @param caller the calling connection, {@code null} for engine-originated calls
     * @param data   the call's input, already known to be a JSON object
     * @return the result, {@code null} for "no value"
     * @throws EngineFunctionException to answer with an error
     */
    JsonNode call(WorkerConnection caller, JsonNode data);
}
