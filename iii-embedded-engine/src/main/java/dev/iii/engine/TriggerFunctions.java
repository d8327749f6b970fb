package dev.iii.engine;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.iii.protocol.ErrorBody;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The trigger functions: {@code engine::triggers::list}/{@code info} (trigger types),
 * {@code engine::registered-triggers::list}/{@code info} (bindings), and {@code engine::register_trigger} /
 * {@code engine::unregister_trigger} (durable bindings owned by no connection).
 */
final class TriggerFunctions {

    private final EngineCore core;

    TriggerFunctions(EngineCore core) {
        this.core = core;
    }

    void register() {
        EngineFunctions.add(core, "engine::triggers::list", "List trigger types registered with the engine.",
                this::listTriggerTypes);
        EngineFunctions.add(core, "engine::triggers::info",
                "Inspect one trigger type: schemas, owner, and live instance count.", this::triggerTypeInfo);
        EngineFunctions.add(core, "engine::registered-triggers::list",
                "List registered trigger instances (subscriber rows).", this::listBindings);
        EngineFunctions.add(core, "engine::registered-triggers::info",
                "Inspect one registered trigger instance with denormalized trigger and function detail.",
                this::bindingInfo);
        EngineFunctions.add(core, "engine::register_trigger",
                "Register a trigger that fires `function_id` directly. Returns the trigger id.", this::registerTrigger);
        EngineFunctions.add(core, "engine::unregister_trigger",
                "Unregister a trigger by id. Idempotent; reports whether it existed.", this::unregisterTrigger);
    }

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
                    .filter(t -> search == null || search.isEmpty() || TextSearch.containsIgnoreCase(t.key().id(), search)
                            || TextSearch.containsIgnoreCase(t.description(), search))
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
                    .filter(b -> worker == null || worker.equals(IntrospectionViews.bindingWorkerName(core.functions, b)))
                    .filter(b -> search == null || search.isEmpty() || TextSearch.containsIgnoreCase(b.id, search)
                            || TextSearch.containsIgnoreCase(b.triggerType, search) || TextSearch.containsIgnoreCase(b.functionId, search))
                    .sorted(Comparator.comparing(b -> b.id))
                    .forEach(b -> rows.add(IntrospectionViews.bindingSummary(b, IntrospectionViews.bindingWorkerName(core.functions, b))));
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
            ObjectNode node = IntrospectionViews.bindingSummary(binding, IntrospectionViews.bindingWorkerName(core.functions, binding));
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
}
