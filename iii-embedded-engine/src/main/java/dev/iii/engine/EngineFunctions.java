package dev.iii.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.iii.sdk.protocol.ErrorBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The engine's own {@code engine::*} functions with the real engine's input and output shapes (wire
 * specification §7). {@code engine::channels::create} and {@code engine::registered-triggers::info}'s
 * channel-related parts are not provided because the embedded engine has no data channels.
 */
final class EngineFunctions {

    private static final Logger workerLog = LoggerFactory.getLogger("dev.iii.engine.WorkerLog");
    private static final int FUNCTION_INFO_BATCH_MAX = 32;

    private final EngineCore core;
    private final List<InProcessWorker> inProcessWorkers;

    EngineFunctions(EngineCore core, List<InProcessWorker> inProcessWorkers) {
        this.core = core;
        this.inProcessWorkers = inProcessWorkers;
    }

    void register() {
        add("engine::workers::register", "Register worker metadata", this::registerWorker);
        add("engine::workers::list", "List workers connected to the engine.", this::listWorkers);
        add("engine::workers::info",
                "Inspect one connected worker's full surface (functions, trigger types, registered triggers).",
                this::workerInfo);
        add("engine::functions::list", "List functions registered with the engine.", this::listFunctions);
        add("engine::functions::info", "Inspect functions: schemas, owner, and registered triggers.",
                this::functionInfo);
        add("engine::triggers::list", "List trigger types registered with the engine.", this::listTriggerTypes);
        add("engine::triggers::info", "Inspect one trigger type: schemas, owner, and live instance count.",
                this::triggerTypeInfo);
        add("engine::registered-triggers::list", "List registered trigger instances (subscriber rows).",
                this::listBindings);
        add("engine::registered-triggers::info",
                "Inspect one registered trigger instance with denormalized trigger and function detail.",
                this::bindingInfo);
        add("engine::register_trigger", "Register a trigger that fires `function_id` directly. Returns the trigger id.",
                this::registerTrigger);
        add("engine::unregister_trigger", "Unregister a trigger by id. Idempotent; reports whether it existed.",
                this::unregisterTrigger);
        for (String level : List.of("info", "warn", "error", "debug", "trace")) {
            add("engine::log::" + level, "Log a " + level + " message", (caller, data) -> logFromWorker(caller, level, data));
        }
    }

    /** Number of {@code engine::*} functions, for the {@code iii-engine-functions} row of the workers list. */
    int count() {
        int count = 0;
        for (RegisteredFunction function : core.functions.all()) {
            if (function.inProcess() != null) {
                count++;
            }
        }
        return count;
    }

    private void add(String id, String description, EngineFunction function) {
        core.functions.put(new RegisteredFunction(new FunctionKey(Namespaces.DEFAULT, id), description, null, null,
                null, null, function));
    }

    // ---- workers ---------------------------------------------------------------------------------------

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
            if (search != null && !search.isEmpty() && !containsIgnoreCase(textOrNull(row, "name"), search)) {
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
                .filter(b -> namespace.equals(b.namespace) && name.equals(workerNameOf(b)))
                .sorted(Comparator.comparing(b -> b.id))
                .forEach(b -> bindings.add(IntrospectionViews.bindingSummary(b, workerNameOf(b))));
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
        return RegisteredFunction.ENGINE_FUNCTIONS_WORKER.equals(worker.name()) ? count() : 0;
    }

    // ---- functions -------------------------------------------------------------------------------------

    private JsonNode listFunctions(WorkerConnection caller, JsonNode data) {
        FunctionInput in = new FunctionInput("engine::functions::list", data);
        String search = in.optionalString("search");
        String prefix = in.optionalString("prefix");
        String worker = in.optionalString("worker");
        List<String> workers = in.optionalStrings("workers");
        boolean includeInternal = in.flag("include_internal");
        ObjectNode result = EngineJson.object();
        ArrayNode functions = result.putArray("functions");
        synchronized (core.lock) {
            List<RegisteredFunction> kept = new ArrayList<>();
            for (RegisteredFunction function : core.functions.all()) {
                String id = function.key().id();
                if (!includeInternal && (isEngineInternal(id) || taggedInternal(function.metadata()))) {
                    continue;
                }
                if (prefix != null && !id.startsWith(prefix)) {
                    continue;
                }
                boolean byWorker = worker != null || (workers != null && !workers.isEmpty());
                if (byWorker && !(function.workerName().equals(worker)
                        || (workers != null && workers.contains(function.workerName())))) {
                    continue;
                }
                if (search != null && !search.isEmpty() && !containsIgnoreCase(id, search)
                        && !containsIgnoreCase(function.description(), search)) {
                    continue;
                }
                kept.add(function);
            }
            if (search != null && !search.isEmpty()) {
                String needle = search.toLowerCase(Locale.ROOT);
                kept.sort(Comparator.comparingInt((RegisteredFunction f) -> searchRank(f.key().id(), needle))
                        .thenComparing(f -> f.key().id()));
            }
            else {
                kept.sort(Comparator.comparing(f -> f.key().id()));
            }
            kept.forEach(f -> functions.add(IntrospectionViews.functionSummary(f)));
        }
        return result;
    }

    private JsonNode functionInfo(WorkerConnection caller, JsonNode data) {
        FunctionInput in = new FunctionInput("engine::functions::info", data);
        String single = in.optionalString("function_id");
        List<String> batch = in.optionalStrings("function_ids");
        String namespace = in.optionalString("namespace");
        if (single != null && batch != null) {
            throw new EngineFunctionException("INVALID_ARGUMENTS", "pass either `function_id` or `function_ids`, not both");
        }
        if (single == null && batch == null) {
            throw new EngineFunctionException("INVALID_ARGUMENTS",
                    "missing field `function_id` (or `function_ids` for a batch)");
        }
        synchronized (core.lock) {
            if (single != null) {
                RegisteredFunction function = lookupForInfo(namespace, single);
                if (function == null) {
                    throw functionNotFound(single);
                }
                return IntrospectionViews.functionDetail(function, core.triggers.activeBindings());
            }
            List<String> ids = new ArrayList<>(new LinkedHashSet<>(batch));
            if (ids.isEmpty()) {
                throw new EngineFunctionException("INVALID_ARGUMENTS",
                        "`function_ids` must be a non-empty array of function ids");
            }
            if (ids.size() > FUNCTION_INFO_BATCH_MAX) {
                throw new EngineFunctionException("INVALID_ARGUMENTS",
                        "too many function_ids (max " + FUNCTION_INFO_BATCH_MAX + ")");
            }
            ObjectNode result = EngineJson.object();
            ArrayNode functions = result.putArray("functions");
            for (String id : ids) {
                RegisteredFunction function = lookupForInfo(namespace, id);
                if (function == null) {
                    functions.addObject().put("function_id", id).put("error", "not_found");
                }
                else {
                    functions.add(IntrospectionViews.functionDetail(function, core.triggers.activeBindings()));
                }
            }
            return result;
        }
    }

    /** With a namespace: there only; without: default wins, else the single namespace that has the id. */
    private RegisteredFunction lookupForInfo(String namespace, String id) {
        if (namespace != null) {
            return core.functions.get(namespace, id);
        }
        List<String> namespaces = core.functions.namespacesFor(id);
        if (namespaces.contains(Namespaces.DEFAULT)) {
            return core.functions.get(Namespaces.DEFAULT, id);
        }
        return namespaces.size() == 1 ? core.functions.get(namespaces.get(0), id) : null;
    }

    private EngineFunctionException functionNotFound(String id) {
        List<String> namespaces = core.functions.namespacesFor(id);
        return new EngineFunctionException("NOT_FOUND", namespaces.isEmpty()
                ? "Function '" + id + "' is not registered."
                : "Function '" + id + "' is ambiguous: it is registered in namespace(s): " + String.join(", ", namespaces)
                        + ". Pass `namespace` to select one.");
    }

    // ---- trigger types and bindings --------------------------------------------------------------------

    private JsonNode listTriggerTypes(WorkerConnection caller, JsonNode data) {
        FunctionInput in = new FunctionInput("engine::triggers::list", data);
        String search = in.optionalString("search");
        String prefix = in.optionalString("prefix");
        String worker = in.optionalString("worker");
        boolean includeInternal = in.flag("include_internal");
        ObjectNode result = EngineJson.object();
        ArrayNode triggers = result.putArray("triggers");
        synchronized (core.lock) {
            core.triggers.types().stream()
                    .filter(t -> includeInternal || !t.key().id().startsWith("engine::"))
                    .filter(t -> prefix == null || t.key().id().startsWith(prefix))
                    .filter(t -> worker == null || worker.equals(t.workerName()))
                    .filter(t -> search == null || search.isEmpty() || containsIgnoreCase(t.key().id(), search)
                            || containsIgnoreCase(t.description(), search))
                    .sorted(Comparator.comparing(t -> t.key().id()))
                    .forEach(t -> triggers.add(IntrospectionViews.triggerTypeSummary(t)));
        }
        return result;
    }

    private JsonNode triggerTypeInfo(WorkerConnection caller, JsonNode data) {
        FunctionInput in = new FunctionInput("engine::triggers::info", data);
        String id = in.requiredString("id");
        String namespace = Namespaces.orDefault(in.optionalString("namespace"));
        synchronized (core.lock) {
            TriggerTypeEntry type = core.triggers.type(new TypeKey(namespace, id));
            if (type == null) {
                throw new EngineFunctionException("NOT_FOUND",
                        "Trigger type '" + id + "' is not registered in namespace '" + namespace + "'.");
            }
            return IntrospectionViews.triggerTypeDetail(type, core.triggers.instanceCount(id));
        }
    }

    private JsonNode listBindings(WorkerConnection caller, JsonNode data) {
        FunctionInput in = new FunctionInput("engine::registered-triggers::list", data);
        String search = in.optionalString("search");
        String triggerType = in.optionalString("trigger_type");
        String functionId = in.optionalString("function_id");
        String worker = in.optionalString("worker");
        boolean includeInternal = in.flag("include_internal");
        ObjectNode result = EngineJson.object();
        ArrayNode rows = result.putArray("registered_triggers");
        synchronized (core.lock) {
            core.triggers.activeBindings().stream()
                    .filter(b -> includeInternal || !b.functionId.startsWith("engine::"))
                    .filter(b -> triggerType == null || triggerType.equals(b.triggerType))
                    .filter(b -> functionId == null || functionId.equals(b.functionId))
                    .filter(b -> worker == null || worker.equals(workerNameOf(b)))
                    .filter(b -> search == null || search.isEmpty() || containsIgnoreCase(b.id, search)
                            || containsIgnoreCase(b.triggerType, search) || containsIgnoreCase(b.functionId, search))
                    .sorted(Comparator.comparing(b -> b.id))
                    .forEach(b -> rows.add(IntrospectionViews.bindingSummary(b, workerNameOf(b))));
        }
        return result;
    }

    private JsonNode bindingInfo(WorkerConnection caller, JsonNode data) {
        FunctionInput in = new FunctionInput("engine::registered-triggers::info", data);
        String id = in.requiredString("id");
        synchronized (core.lock) {
            Binding binding = core.triggers.binding(id);
            if (binding == null || binding.activeOn == null) {
                throw new EngineFunctionException("NOT_FOUND", "Registered trigger '" + id + "' was not found.");
            }
            ObjectNode node = IntrospectionViews.bindingSummary(binding, workerNameOf(binding));
            node.remove("config_summary");
            if (binding.metadata != null) {
                node.set("metadata", binding.metadata);
            }
            TriggerTypeEntry type = core.triggers.type(binding.activeOn);
            node.set("trigger", type == null ? NullNode.getInstance()
                    : IntrospectionViews.triggerTypeDetail(type, core.triggers.instanceCount(type.key().id())));
            RegisteredFunction function = core.functions.get(binding.namespace, binding.functionId);
            node.set("function", function == null ? NullNode.getInstance()
                    : IntrospectionViews.functionDetail(function, core.triggers.activeBindings()));
            return node;
        }
    }

    private JsonNode registerTrigger(WorkerConnection caller, JsonNode data) {
        FunctionInput in = new FunctionInput("engine::register_trigger", data);
        String triggerType = in.requiredString("trigger_type");
        String functionId = in.requiredString("function_id");
        JsonNode config = data.has("config") ? data.get("config") : NullNode.getInstance();
        String id = UUID.randomUUID().toString();
        // Durable: owned by no connection, target and provider resolved in default.
        Binding binding = new Binding(id, triggerType, functionId, config, in.optionalJson("metadata"),
                Namespaces.DEFAULT, in.optionalString("trigger_namespace"), Namespaces.DEFAULT, null);
        CompletableFuture<ErrorBody> answer = null;
        synchronized (core.lock) {
            TypeKey target = core.triggers.resolve(binding);
            TriggerTypeEntry provider = target != null ? core.triggers.type(target) : null;
            if (provider != null && provider.owner() != null) {
                answer = core.expectProviderAnswer(id, provider.owner());
            }
            ErrorBody refusal = core.triggers.register(binding);
            if (refusal != null) {
                core.forgetProviderAnswer(id);
                throw new EngineFunctionException("trigger_registration_failed", refusal.message());
            }
        }
        if (answer != null) {
            ErrorBody error = awaitProvider(answer);
            core.forgetProviderAnswer(id);
            if (error != null) {
                synchronized (core.lock) {
                    core.triggers.discard(id);
                }
                throw new EngineFunctionException("trigger_registration_failed", error.code() + ": " + error.message());
            }
        }
        return EngineJson.object().put("id", id);
    }

    private ErrorBody awaitProvider(CompletableFuture<ErrorBody> answer) {
        try {
            return answer.get(core.options.providerAckTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException ex) {
            // No answer in time counts as success, as in the real engine.
            return null;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return null;
        }
        catch (ExecutionException ex) {
            return null;
        }
    }

    private JsonNode unregisterTrigger(WorkerConnection caller, JsonNode data) {
        FunctionInput in = new FunctionInput("engine::unregister_trigger", data);
        String id = in.requiredString("id");
        boolean removed;
        synchronized (core.lock) {
            removed = core.triggers.remove(id, null);
        }
        return EngineJson.object().put("removed", removed);
    }

    private JsonNode logFromWorker(WorkerConnection caller, String level, JsonNode data) {
        FunctionInput in = new FunctionInput("engine::log::" + level, data);
        String message = in.optionalString("message");
        // Worker log lines are payloads, so they stay below INFO whatever their level.
        workerLog.debug("[{}] {}: {}", level, caller != null ? caller : "engine", message);
        return null;
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private String workerNameOf(Binding binding) {
        RegisteredFunction function = core.functions.get(binding.namespace, binding.functionId);
        return function != null ? function.workerName() : RegisteredFunction.firstSegment(binding.functionId);
    }

    private static boolean isEngineInternal(String id) {
        return id.startsWith("engine::") && !id.startsWith("engine::queue::");
    }

    private static boolean taggedInternal(JsonNode metadata) {
        return metadata != null && metadata.isObject() && metadata.path("internal").isBoolean()
                && metadata.path("internal").asBoolean();
    }

    private static int searchRank(String id, String needle) {
        String lowered = id.toLowerCase(Locale.ROOT);
        if (lowered.startsWith(needle) || List.of(lowered.split("::")).contains(needle)) {
            return 0;
        }
        return lowered.contains(needle) ? 1 : 2;
    }

    private static boolean containsIgnoreCase(String haystack, String needle) {
        return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT));
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
