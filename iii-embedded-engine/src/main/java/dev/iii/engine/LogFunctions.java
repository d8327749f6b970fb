package dev.iii.engine;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/** {@code engine::log::*}: accepted and logged below INFO, since a worker's log line is payload. */
final class LogFunctions {

    private static final Logger workerLog = LoggerFactory.getLogger("dev.iii.engine.WorkerLog");

    private final EngineCore core;

    LogFunctions(EngineCore core) {
        this.core = core;
    }

    void register() {
        for (String level : List.of("info", "warn", "error", "debug", "trace")) {
            EngineFunctions.add(core, "engine::log::" + level, "Log a " + level + " message",
                    (caller, data) -> logFromWorker(caller, level, data));
        }
    }

    private JsonNode logFromWorker(WorkerConnection caller, String level, JsonNode data) {
        FunctionInput in = new FunctionInput("engine::log::" + level, data);
        String message = in.optionalString("message");
        workerLog.debug("[{}] {}: {}", level, caller != null ? caller : "engine", message);
        return null;
    }
}
