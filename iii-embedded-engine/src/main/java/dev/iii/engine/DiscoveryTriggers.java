package dev.iii.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.iii.protocol.ErrorBody;
import dev.iii.protocol.RawJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The discovery trigger types {@code engine::workers-available} and {@code engine::functions-available}
 * (wire specification §8). Worker events fire as they happen; function changes are noticed by polling the
 * set of (namespace, id) pairs, as the real engine does, and fire only when that set changed.
 */
final class DiscoveryTriggers {

    static final String WORKERS_AVAILABLE = "engine::workers-available";
    static final String FUNCTIONS_AVAILABLE = "engine::functions-available";

    private final EngineCore core;
    /** Bindings per discovery type, guarded by the engine lock. */
    private final Map<String, Map<String, Binding>> bindings = new LinkedHashMap<>();
    private Set<FunctionKey> lastFunctions;

    DiscoveryTriggers(EngineCore core) {
        this.core = core;
        bindings.put(WORKERS_AVAILABLE, new LinkedHashMap<>());
        bindings.put(FUNCTIONS_AVAILABLE, new LinkedHashMap<>());
    }

    /** Registers both trigger types and starts the function poller. */
    void start() {
        synchronized (core.lock) {
            core.triggers.registerType(new TriggerTypeEntry(new TypeKey(Namespaces.DEFAULT, FUNCTIONS_AVAILABLE),
                    "Triggered when functions are registered/unregistered", null, null,
                    provider(FUNCTIONS_AVAILABLE), null, null));
            core.triggers.registerType(new TriggerTypeEntry(new TypeKey(Namespaces.DEFAULT, WORKERS_AVAILABLE),
                    "Triggered when workers connect/disconnect", null, null, provider(WORKERS_AVAILABLE), null, null));
            lastFunctions = core.functions.keys();
        }
        long interval = core.options.functionsPollInterval().toMillis();
        core.scheduler.scheduleWithFixedDelay(this::pollFunctions, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** Fires {@code engine::workers-available} with {@code {"event", "worker_id"}}. */
    void workerEvent(String event, UUID workerId) {
        ObjectNode payload = EngineJson.object().put("event", event).put("worker_id", workerId.toString());
        fire(WORKERS_AVAILABLE, payload);
    }

    private void pollFunctions() {
        ObjectNode payload;
        synchronized (core.lock) {
            Set<FunctionKey> now = core.functions.keys();
            if (now.equals(lastFunctions)) {
                return;
            }
            lastFunctions = now;
            ArrayNode functions = EngineJson.MAPPER.createArrayNode();
            for (RegisteredFunction function : core.functions.all()) {
                functions.add(IntrospectionViews.functionSummary(function));
            }
            payload = EngineJson.object().put("event", "functions_changed");
            payload.set("functions", functions);
        }
        fire(FUNCTIONS_AVAILABLE, payload);
    }

    private void fire(String type, JsonNode payload) {
        if (core.stopping()) {
            return;
        }
        List<Binding> targets;
        synchronized (core.lock) {
            targets = new ArrayList<>(bindings.get(type).values());
        }
        for (Binding binding : targets) {
            core.invocations.invoke(Caller.ENGINE, binding.namespace, binding.functionId, RawJson.of(payload),
                    binding.metadata, null, null, null);
        }
    }

    private TriggerProvider provider(String type) {
        return new TriggerProvider() {
            @Override
            public ErrorBody activate(Binding binding) {
                bindings.get(type).put(binding.id, binding);
                return null;
            }

            @Override
            public void deactivate(Binding binding) {
                bindings.get(type).remove(binding.id);
            }
        };
    }
}
