package dev.iii.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import dev.iii.protocol.InvocationResult;
import dev.iii.protocol.InvokeFunction;
import dev.iii.protocol.RawJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Routes calls to functions and keeps the engine-wide table of invocations waiting for a worker's
 * {@code invocationresult}, keyed by invocation id (wire specification §5). The engine has no timeout of its
 * own: an invocation ends with the target's result, or with {@code invocation_stopped} when the target (or
 * the caller) disconnects.
 */
final class InvocationRouter {

    private static final Logger log = LoggerFactory.getLogger(InvocationRouter.class);

    private record Pending(UUID id, String functionId, CompletableFuture<Outcome> future, WorkerConnection target,
            WorkerConnection caller) {
    }

    private final Object lock;
    private final FunctionRegistry functions;
    private final Executor executor;
    private final Map<UUID, Pending> pending = new HashMap<>();

    /** {@code executor} runs the engine's own functions, which may block. */
    InvocationRouter(Object lock, FunctionRegistry functions, Executor executor) {
        this.lock = lock;
        this.functions = functions;
        this.executor = executor;
    }

    /**
     * Calls a function. The frame to a worker is encoded and sent after the engine lock is released. The
     * returned future always completes, never with the engine lock held, and possibly on the thread that reads
     * the target's answer: what follows it must not block (hand blocking work to an executor).
     *
     * @param caller       who calls; it decides the {@code _caller_worker_id} stamp
     * @param namespace    where the function is looked up; {@code null} = default
     * @param invocationId the id handed to the target; {@code null} = a fresh one
     */
    CompletableFuture<Outcome> invoke(Caller caller, String namespace, String functionId, RawJson data,
            JsonNode metadata, UUID invocationId, String traceparent, String baggage) {
        String ns = Namespaces.orDefault(namespace);
        UUID id = invocationId != null ? invocationId : UUID.randomUUID();
        CompletableFuture<Outcome> future = new CompletableFuture<>();
        RegisteredFunction function;
        Pending replaced = null;
        synchronized (lock) {
            function = functions.get(ns, functionId);
            if (function == null) {
                return CompletableFuture.completedFuture(Outcome.failure("function_not_found",
                        notFoundMessage(functionId, ns, functions.namespacesFor(functionId))));
            }
            if (function.inProcess() == null) {
                replaced = pending.put(id, new Pending(id, functionId, future, function.owner(), caller.connection()));
                if (replaced != null) {
                    forget(replaced);
                }
                function.owner().invocations.add(id);
                if (caller.connection() != null) {
                    caller.connection().invocations.add(id);
                }
            }
        }
        if (replaced != null) {
            replaced.future.complete(Outcome.failure("invocation_error",
                    "invocation " + replaced.id + " was replaced by a newer call with the same id"));
        }
        if (function.inProcess() != null) {
            // Engine functions may wait (engine::register_trigger waits for a provider): never on a socket thread.
            RegisteredFunction inProcess = function;
            executor.execute(() -> future.complete(runInProcess(inProcess, caller.connection(), data.tree())));
        }
        else {
            // The codec stamps the caller into an object payload, overwriting whatever the caller put there.
            function.owner().send(new InvokeFunction(id, functionId, data, metadata, traceparent, baggage, null, null,
                    caller.workerId()));
        }
        return future;
    }

    /**
     * A worker's answer: completes the matching invocation, whoever sent it, on this thread; unknown ids are
     * dropped.
     */
    void complete(InvocationResult result) {
        Pending entry;
        synchronized (lock) {
            entry = pending.remove(result.invocationId());
            if (entry == null) {
                log.debug("result for unknown invocation {} dropped", result.invocationId());
                return;
            }
            forget(entry);
        }
        entry.future.complete(
                result.error() != null ? Outcome.failure(result.error()) : Outcome.success(result.result()));
    }

    /**
     * Cleanup of a closed connection, part one: takes every invocation in flight to or from it out of the table.
     * Call with the engine lock held, and {@link #stop} what it returns once the lock is released.
     */
    List<CompletableFuture<Outcome>> detach(WorkerConnection worker) {
        List<CompletableFuture<Outcome>> detached = new ArrayList<>();
        for (UUID id : List.copyOf(worker.invocations)) {
            Pending entry = pending.remove(id);
            if (entry != null) {
                forget(entry);
                detached.add(entry.future);
            }
        }
        worker.invocations.clear();
        return detached;
    }

    /** Cleanup of a closed connection, part two: its invocations end with {@code invocation_stopped}. */
    static void stop(List<CompletableFuture<Outcome>> invocations) {
        for (CompletableFuture<Outcome> invocation : invocations) {
            invocation.complete(Outcome.failure("invocation_stopped", "Invocation stopped"));
        }
    }

    static String notFoundMessage(String functionId, String namespace, List<String> elsewhere) {
        String hint = elsewhere.isEmpty() ? ""
                : " It is registered in namespace(s): " + String.join(", ", elsewhere) + ".";
        return "Function " + functionId + " not found in namespace " + namespace + "." + hint;
    }

    private void forget(Pending entry) {
        entry.target.invocations.remove(entry.id);
        if (entry.caller != null) {
            entry.caller.invocations.remove(entry.id);
        }
    }

    private static Outcome runInProcess(RegisteredFunction function, WorkerConnection caller, JsonNode data) {
        String id = function.key().id();
        if (data == null || !data.isObject()) {
            String found = data == null || data.isNull() ? "null" : data.getNodeType().name().toLowerCase(Locale.ROOT);
            return Outcome.failure("deserialization_error",
                    "Failed to deserialize input for " + id + ": invalid type: " + found + ", expected a map");
        }
        try {
            return Outcome.success(RawJson.of(function.inProcess().call(caller, data)));
        }
        catch (EngineFunctionException ex) {
            return Outcome.failure(ex.toErrorBody());
        }
        catch (RuntimeException ex) {
            log.warn("engine function {} failed", id, ex);
            return Outcome.failure("invocation_error", String.valueOf(ex.getMessage()));
        }
    }
}
