package dev.iii.engine;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON shapes of the introspection functions (wire specification §7): worker, function, trigger-type and
 * binding summaries. Members that the real engine always writes are always written, as {@code null} when
 * unknown; optional members are left out when absent.
 */
final class IntrospectionViews {

    /** Longest {@code config_summary} before it is cut and marked with an ellipsis. */
    private static final int CONFIG_SUMMARY_MAX = 80;

    private IntrospectionViews() {
    }

    static ObjectNode functionSummary(RegisteredFunction function) {
        ObjectNode node = EngineJson.object();
        node.put("function_id", function.key().id());
        node.put("namespace", function.key().namespace());
        node.put("worker_name", function.workerName());
        if (function.description() != null) {
            node.put("description", function.description());
        }
        if (function.metadata() != null) {
            node.set("metadata", function.metadata());
        }
        return node;
    }

    static ObjectNode functionDetail(RegisteredFunction function, Iterable<Binding> activeBindings) {
        ObjectNode node = functionSummary(function);
        if (function.requestFormat() != null) {
            node.set("request_schema", function.requestFormat());
        }
        if (function.responseFormat() != null) {
            node.set("response_schema", function.responseFormat());
        }
        ArrayNode refs = node.putArray("registered_triggers");
        for (Binding binding : activeBindings) {
            if (binding.namespace.equals(function.key().namespace())
                    && binding.functionId.equals(function.key().id())) {
                refs.addObject().put("id", binding.id).put("trigger_type", binding.triggerType)
                        .set("config", binding.config);
            }
        }
        return node;
    }

    /** A binding's {@code worker_name}: its target function's worker, else the id's first segment. */
    static String bindingWorkerName(FunctionRegistry functions, Binding binding) {
        RegisteredFunction function = functions.get(binding.namespace, binding.functionId);
        return function != null ? function.workerName() : RegisteredFunction.firstSegment(binding.functionId);
    }

    static ObjectNode triggerTypeSummary(TriggerTypeEntry type) {
        ObjectNode node = EngineJson.object();
        node.put("id", type.key().id());
        node.put("namespace", type.key().namespace());
        node.put("worker_name", type.workerName());
        node.put("description", type.description());
        return node;
    }

    static ObjectNode triggerTypeDetail(TriggerTypeEntry type, int instanceCount) {
        ObjectNode node = triggerTypeSummary(type);
        if (type.triggerRequestFormat() != null) {
            node.set("configuration_schema", type.triggerRequestFormat());
        }
        if (type.callRequestFormat() != null) {
            node.set("request_schema", type.callRequestFormat());
        }
        node.put("instance_count", instanceCount);
        return node;
    }

    static ObjectNode bindingSummary(Binding binding, String workerName) {
        ObjectNode node = EngineJson.object();
        node.put("id", binding.id);
        node.put("trigger_type", binding.triggerType);
        node.put("function_id", binding.functionId);
        node.put("worker_name", workerName);
        node.set("config", binding.config);
        node.put("config_summary", configSummary(binding.config));
        return node;
    }

    static String configSummary(JsonNode config) {
        String raw = EngineJson.compact(config);
        if (raw.codePointCount(0, raw.length()) <= CONFIG_SUMMARY_MAX) {
            return raw;
        }
        return raw.substring(0, raw.offsetByCodePoints(0, CONFIG_SUMMARY_MAX)) + "…";
    }

    /** Common members of {@code workers::list} rows and the {@code workers::info} envelope. */
    static ObjectNode workerSummary(WorkerConnection worker) {
        WorkerMetadata meta = worker.metadata;
        ObjectNode node = EngineJson.object();
        node.put("name", meta != null ? meta.name() : null);
        node.put("description", meta != null ? meta.description() : null);
        node.put("version", meta != null ? meta.version() : null);
        node.put("id", worker.id.toString());
        node.put("namespace", worker.effectiveNamespace());
        node.put("runtime", meta != null ? meta.runtime() : null);
        node.put("os", meta != null ? meta.os() : null);
        node.put("status", "connected");
        node.put("function_count", worker.functionIds.size());
        node.put("connected_at_ms", worker.connectedAtMs);
        node.put("active_invocations", worker.invocations.size());
        node.put("isolation", meta != null ? meta.isolation() : null);
        node.put("ip_address", worker.ipAddress);
        return node;
    }

    static ObjectNode runtimeWorkerSummary(InProcessWorker worker, int functionCount) {
        ObjectNode node = EngineJson.object();
        node.put("name", worker.name());
        node.put("description", worker.description());
        node.put("version", InProcessWorker.ENGINE_VERSION);
        node.put("id", worker.id());
        node.put("namespace", Namespaces.DEFAULT);
        node.put("runtime", "engine");
        node.putNull("os");
        node.put("status", "available");
        node.put("function_count", functionCount);
        node.put("connected_at_ms", worker.startedAtMs());
        node.put("active_invocations", 0);
        node.put("isolation", "in-process");
        node.putNull("ip_address");
        return node;
    }
}
