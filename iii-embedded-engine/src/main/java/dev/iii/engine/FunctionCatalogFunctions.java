package dev.iii.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code engine::functions::list} and {@code engine::functions::info}: the function catalogue with the real
 * engine's filters, ordering and shapes (wire specification §7).
 */
final class FunctionCatalogFunctions {

    private static final int FUNCTION_INFO_BATCH_MAX = 32;

    private final EngineCore core;

    FunctionCatalogFunctions(EngineCore core) {
        this.core = core;
    }

    void register() {
        EngineFunctions.add(core, "engine::functions::list", "List functions registered with the engine.",
                this::listFunctions);
        EngineFunctions.add(core, "engine::functions::info",
                "Inspect functions: schemas, owner, and registered triggers.", this::functionInfo);
    }

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
                if (search != null && !search.isEmpty() && !TextSearch.containsIgnoreCase(id, search)
                        && !TextSearch.containsIgnoreCase(function.description(), search)) {
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
}
