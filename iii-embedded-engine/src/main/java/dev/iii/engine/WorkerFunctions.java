package dev.iii.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code engine::workers::register}, {@code engine::workers::list} and {@code engine::workers::info}: worker
 * metadata in, worker listings out, with the real engine's shapes (wire specification §7).
 */
final class WorkerFunctions {

    private final EngineCore core;
    private final List<InProcessWorker> inProcessWorkers;

    WorkerFunctions(EngineCore core, List<InProcessWorker> inProcessWorkers) {
        this.core = core;
        this.inProcessWorkers = inProcessWorkers;
    }

    void register() {
        EngineFunctions.add(core, "engine::workers::register", "Register worker metadata", this::registerWorker);
        EngineFunctions.add(core, "engine::workers::list", "List workers connected to the engine.", this::listWorkers);
        EngineFunctions.add(core, "engine::workers::info",
                "Inspect one connected worker's full surface (functions, trigger types, registered triggers).",
                this::workerInfo);
    }

    private JsonNode registerWorker(WorkerConnection caller, JsonNode data) {
        FunctionInput in = new FunctionInput("engine::workers::register", data);
        if (caller == null) {
            throw new EngineFunctionException("deserialization_error",
                    "Failed to deserialize input for engine::workers::register: missing field `_caller_worker_id`");
        }
        String name = in.optionalString("name");
        String namespace = in.optionalString("namespace");
        if (namespace != null && namespace.isBlank()) {
            throw new EngineFunctionException("INVALID_NAMESPACE", "namespace is empty: worker '"
                    + (name != null ? name : "<unnamed>") + "' declared \"" + namespace
                    + "\". Give it a name, or omit the field to register in '" + Namespaces.DEFAULT + "'.");
        }
        String runtime = in.optionalString("runtime");
        WorkerMetadata metadata = new WorkerMetadata(WorkerMetadata.sanitize(name),
                WorkerMetadata.sanitize(in.optionalString("description")), runtime != null ? runtime : "unknown",
                in.optionalString("version"), in.optionalString("os"), in.optionalLong("pid"),
                in.optionalString("isolation"), in.optionalJson("telemetry"));
        boolean accepted = core.registerWorker(caller, Namespaces.orDefault(namespace), metadata);
        return EngineJson.object().put("success", accepted);
    }

    private JsonNode listWorkers(WorkerConnection caller, JsonNode data) {
        FunctionInput in = new FunctionInput("engine::workers::list", data);
        String search = in.optionalString("search");
        String runtime = in.optionalString("runtime");
        String status = in.optionalString("status");
        List<ObjectNode> rows = new ArrayList<>();
        synchronized (core.lock) {
            for (WorkerConnection worker : core.connections()) {
                if (worker.metadata != null && worker.metadata.pid() != null) {
                    rows.add(IntrospectionViews.workerSummary(worker));
                }
            }
            for (InProcessWorker worker : inProcessWorkers) {
                rows.add(IntrospectionViews.runtimeWorkerSummary(worker, inProcessFunctionCount(worker)));
            }
        }
        rows.sort(Comparator.comparing((ObjectNode row) -> displayName(row)).thenComparing(row -> row.get("id").asString()));
        ArrayNode workers = EngineJson.MAPPER.createArrayNode();
        for (ObjectNode row : rows) {
            if (runtime != null && !runtime.equals(textOrNull(row, "runtime"))) {
                continue;
            }
            if (status != null && !status.equals(textOrNull(row, "status"))) {
                continue;
            }
            if (search != null && !search.isEmpty() && !TextSearch.containsIgnoreCase(textOrNull(row, "name"), search)) {
                continue;
            }
            workers.add(row);
        }
        ObjectNode result = EngineJson.object();
        result.set("workers", workers);
        return result;
    }

    private JsonNode workerInfo(WorkerConnection caller, JsonNode data) {
        FunctionInput in = new FunctionInput("engine::workers::info", data);
        String name = in.requiredString("name");
        String explicitNamespace = in.optionalString("namespace");
        synchronized (core.lock) {
            List<String> candidates = namespacesOfWorker(name);
            String namespace;
            if (explicitNamespace != null) {
                if (!candidates.contains(explicitNamespace)) {
                    throw workerNotFound(name, candidates);
                }
                namespace = explicitNamespace;
            }
            else if (candidates.contains(Namespaces.DEFAULT)) {
                namespace = Namespaces.DEFAULT;
            }
            else if (candidates.size() == 1) {
                namespace = candidates.get(0);
            }
            else if (candidates.isEmpty()) {
                throw workerNotFound(name, candidates);
            }
            else {
                throw new EngineFunctionException("NOT_FOUND", "Worker '" + name
                        + "' is ambiguous: it is connected in namespace(s): " + String.join(", ", candidates)
                        + ". Pass `namespace` to disambiguate.");
            }
            return workerDetail(name, namespace);
        }
    }

    private ObjectNode workerDetail(String name, String namespace) {
        ObjectNode envelope = null;
        List<RegisteredFunction> owned = new ArrayList<>();
        InProcessWorker runtimeWorker = Namespaces.DEFAULT.equals(namespace) ? inProcessWorker(name) : null;
        if (runtimeWorker != null) {
            envelope = IntrospectionViews.runtimeWorkerSummary(runtimeWorker, inProcessFunctionCount(runtimeWorker));
            if (RegisteredFunction.ENGINE_FUNCTIONS_WORKER.equals(name)) {
                for (RegisteredFunction function : core.functions.all()) {
                    if (function.inProcess() != null) {
                        owned.add(function);
                    }
                }
            }
        }
        else {
            for (WorkerConnection worker : core.connections()) {
                if (name.equals(worker.name()) && namespace.equals(worker.effectiveNamespace())) {
                    envelope = IntrospectionViews.workerSummary(worker);
                    if (worker.metadata.pid() != null) {
                        envelope.put("pid", worker.metadata.pid());
                    }
                    ObjectNode latestMetrics = core.metrics.latest(worker.id.toString());
                    if (latestMetrics != null) {
                        envelope.set("latest_metrics", latestMetrics);
                    }
                    for (String id : worker.functionIds) {
                        RegisteredFunction function = core.functions.get(namespace, id);
                        if (function != null) {
                            owned.add(function);
                        }
                    }
                    break;
                }
            }
        }
        if (envelope == null) {
            throw workerNotFound(name, List.of());
        }
        envelope.put("internal", false);
        owned.sort(Comparator.comparing(f -> f.key().id()));
        ObjectNode result = EngineJson.object();
        result.set("worker", envelope);
        ArrayNode functions = result.putArray("functions");
        owned.forEach(f -> functions.add(IntrospectionViews.functionSummary(f)));
        ArrayNode types = result.putArray("trigger_types");
        core.triggers.types().stream()
                .filter(t -> name.equals(t.workerName()) && namespace.equals(t.key().namespace()))
                .sorted(Comparator.comparing(t -> t.key().id()))
                .forEach(t -> types.add(IntrospectionViews.triggerTypeSummary(t)));
        ArrayNode bindings = result.putArray("registered_triggers");
        core.triggers.activeBindings().stream()
                .filter(b -> namespace.equals(b.namespace) && name.equals(IntrospectionViews.bindingWorkerName(core.functions, b)))
                .sorted(Comparator.comparing(b -> b.id))
                .forEach(b -> bindings.add(IntrospectionViews.bindingSummary(b, IntrospectionViews.bindingWorkerName(core.functions, b))));
        return result;
    }

    private List<String> namespacesOfWorker(String name) {
        Set<String> namespaces = new LinkedHashSet<>();
        if (inProcessWorker(name) != null) {
            namespaces.add(Namespaces.DEFAULT);
        }
        for (WorkerConnection worker : core.connections()) {
            if (name.equals(worker.name())) {
                namespaces.add(worker.effectiveNamespace());
            }
        }
        return new ArrayList<>(namespaces);
    }

    private static EngineFunctionException workerNotFound(String name, List<String> candidates) {
        return new EngineFunctionException("NOT_FOUND", candidates.isEmpty()
                ? "Worker '" + name + "' is not connected."
                : "Worker '" + name + "' is not connected in the requested namespace; it is connected in namespace(s): "
                        + String.join(", ", candidates) + ".");
    }

    private InProcessWorker inProcessWorker(String name) {
        return inProcessWorkers.stream().filter(w -> w.name().equals(name)).findFirst().orElse(null);
    }

    private int inProcessFunctionCount(InProcessWorker worker) {
        return RegisteredFunction.ENGINE_FUNCTIONS_WORKER.equals(worker.name()) ? EngineFunctions.count(core) : 0;
    }

    private static String textOrNull(JsonNode row, String member) {
        JsonNode value = row.get(member);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static String displayName(ObjectNode row) {
        String name = textOrNull(row, "name");
        return name != null ? name : row.get("id").asString();
    }
}
