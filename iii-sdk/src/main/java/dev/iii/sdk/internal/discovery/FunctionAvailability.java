package dev.iii.sdk.internal.discovery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.iii.sdk.ErrorCode;
import dev.iii.sdk.InvocationException;
import dev.iii.sdk.Registration;
import dev.iii.sdk.discovery.FunctionInfo;
import dev.iii.sdk.discovery.FunctionsAvailableEvent;
import dev.iii.sdk.internal.calls.FunctionAwaiter;
import dev.iii.sdk.internal.calls.WaitRefusingFuture;
import dev.iii.sdk.internal.transport.ConnectionListener;
import dev.iii.sdk.internal.transport.EngineLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for functions to be registered with the engine, on {@code engine::functions-available}: one subscription
 * for all waiters, made when the first one waits and withdrawn when the last is done, plus a look at
 * {@code engine::functions::list} when a wait begins and whenever this worker's connection is back (events sent
 * while it was away are lost). Each waiter ends once: when its function is listed, at its timeout
 * ({@code TIMEOUT}), or when cancelled; futures complete on the completion threads, never on the timer's.
 */
public final class FunctionAvailability implements FunctionAwaiter, ConnectionListener {

    private static final Logger log = LoggerFactory.getLogger(FunctionAvailability.class);

    private record Key(String namespace, String functionId) {
    }

    private final Discovery discovery;
    private final ScheduledExecutorService timer;
    private final Executor completions;
    private final String workerNamespace;
    private final Map<Key, List<CompletableFuture<Void>>> waiting = new HashMap<>();
    private Registration subscription;

    /** @param workerNamespace the worker's namespace, or {@code null} for the engine's default */
    public FunctionAvailability(Discovery discovery, ScheduledExecutorService timer, Executor completions,
            String workerNamespace) {
        this.discovery = discovery;
        this.timer = timer;
        this.completions = completions;
        this.workerNamespace = workerNamespace != null ? workerNamespace : "default";
    }

    @Override
    public CompletableFuture<Void> await(String functionId, String namespace, Duration timeout) {
        if (functionId == null || functionId.isBlank()) {
            throw new IllegalArgumentException("function id must not be blank");
        }
        Key key = new Key(namespace != null ? namespace : workerNamespace, functionId);
        CompletableFuture<Void> waiter = new WaitRefusingFuture<>();
        InvocationException late = new InvocationException(ErrorCode.TIMEOUT, functionId
                + " was not registered with the engine within " + timeout.toMillis() + " ms", functionId, null, null);
        ScheduledFuture<?> deadline = timer.schedule(() -> onCompletionThread(() -> waiter.completeExceptionally(late)),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
        synchronized (this) {
            waiting.computeIfAbsent(key, k -> new ArrayList<>()).add(waiter);
            if (subscription == null) {
                subscription = discovery.subscribe("engine::functions-available", "function-availability",
                        FunctionsAvailableEvent.class, event -> arrived(event.functions()));
            }
        }
        waiter.whenComplete((done, error) -> {
            deadline.cancel(false);
            forget(key, waiter);
        });
        look();
        return waiter;
    }

    /** Events sent while the connection was away are lost: look again. */
    @Override
    public void connected(EngineLink link) {
        synchronized (this) {
            if (waiting.isEmpty()) {
                return;
            }
        }
        look();
    }

    private void look() {
        discovery.list("engine::functions::list", "functions", FunctionInfo.class).whenComplete((listed, error) -> {
            if (error != null) {
                log.debug("could not list the engine's functions: {}", error.toString());
            }
            else {
                arrived(listed);
            }
        });
    }

    private void arrived(List<FunctionInfo> functions) {
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        synchronized (this) {
            for (FunctionInfo function : functions) {
                List<CompletableFuture<Void>> waiters = waiting.get(new Key(function.namespace() != null
                        ? function.namespace() : "default", function.functionId()));
                if (waiters != null) {
                    ready.addAll(waiters);
                }
            }
        }
        if (!ready.isEmpty()) {
            onCompletionThread(() -> ready.forEach(waiter -> waiter.complete(null)));
        }
    }

    private void onCompletionThread(Runnable completion) {
        try {
            completions.execute(completion);
        }
        catch (RejectedExecutionException ex) {
            // After shutdown there is no pool left.
            completion.run();
        }
    }

    private void forget(Key key, CompletableFuture<Void> waiter) {
        Registration withdrawn = null;
        synchronized (this) {
            List<CompletableFuture<Void>> waiters = waiting.get(key);
            if (waiters != null && waiters.remove(waiter) && waiters.isEmpty()) {
                waiting.remove(key);
            }
            if (waiting.isEmpty() && subscription != null) {
                withdrawn = subscription;
                subscription = null;
            }
        }
        if (withdrawn != null) {
            withdrawn.unregister();
        }
    }
}
