package dev.iii.engine;

import java.util.List;

/**
 * The engine's own {@code engine::*} functions (wire specification §7), registered in namespace
 * {@code default}.
 */
final class EngineFunctions {

    private EngineFunctions() {
    }

    /** Registers every {@code engine::*} function. Call with the engine lock held. */
    static void registerAll(EngineCore core, List<InProcessWorker> inProcessWorkers) {
        new WorkerFunctions(core, inProcessWorkers).register();
        new FunctionCatalogFunctions(core).register();
        new TriggerFunctions(core).register();
        new LogFunctions(core).register();
        new ChannelFunctions(core).register();
    }

    static void add(EngineCore core, String id, String description, EngineFunction function) {
        core.functions.put(new RegisteredFunction(new FunctionKey(Namespaces.DEFAULT, id), description, null, null,
                null, null, function));
    }

    /** Number of in-process functions, for the {@code iii-engine-functions} row of the workers list. */
    static int count(EngineCore core) {
        int count = 0;
        for (RegisteredFunction function : core.functions.all()) {
            if (function.inProcess() != null) {
                count++;
            }
        }
        return count;
    }
}
