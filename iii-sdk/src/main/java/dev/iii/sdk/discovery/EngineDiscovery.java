package dev.iii.sdk.discovery;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import dev.iii.sdk.Registration;

/**
 * What the engine knows about the other workers ({@code worker.discovery()}): its lists, and subscriptions to
 * the discovery triggers. Each list is a call; each subscription registers a hidden function and its binding,
 * which the returned {@link Registration} removes.
 */
public interface EngineDiscovery {

    /** The engine's connected workers ({@code engine::workers::list}). */
    CompletableFuture<List<WorkerInfo>> listWorkers();

    /** The engine's public functions ({@code engine::functions::list}). */
    CompletableFuture<List<FunctionInfo>> listFunctions();

    /** The engine's trigger types ({@code engine::triggers::list}). */
    CompletableFuture<List<TriggerTypeInfo>> listTriggers();

    /**
     * Subscribes to {@code engine::workers-available}: the listener hears of every worker that connects, updates
     * its metadata or disconnects.
     */
    Registration onWorkersAvailable(Consumer<WorkersAvailableEvent> listener);

    /** Subscribes to {@code engine::functions-available}: the listener hears when the set of functions changes. */
    Registration onFunctionsAvailable(Consumer<FunctionsAvailableEvent> listener);
}
