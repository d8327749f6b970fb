package dev.iii.sdk;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

import dev.iii.protocol.InvocationResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Calls waiting for their {@code invocationresult}, by invocation id. Each ends exactly once: with its
 * result, its remote error, its timeout, or the loss of the connection it was sent on. Futures are
 * completed on the completion executor, so the socket's thread never runs the caller's continuations.
 */
final class PendingCalls {

    private static final Logger log = LoggerFactory.getLogger(PendingCalls.class);

    /** One call in flight. */
    static final class Call {
        final UUID id = UUID.randomUUID();
        final String functionId;
        final CompletableFuture<JsonNode> future = new CompletableFuture<>();
        volatile ScheduledFuture<?> timer;
        volatile EngineConnection sentOn;

        Call(String functionId) {
            this.functionId = functionId;
        }
    }

    private final Map<UUID, Call> calls = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;
    private final Executor completions;

    PendingCalls(ScheduledExecutorService scheduler, Executor completions) {
        this.scheduler = scheduler;
        this.completions = completions;
    }

    /** A new call, already counting down its timeout. */
    Call open(String functionId, Duration timeout) {
        Call call = new Call(functionId);
        calls.put(call.id, call);
        try {
            call.timer = scheduler.schedule(() -> fail(call.id, new InvocationException(ErrorCode.TIMEOUT,
                    "No result from " + functionId + " within " + timeout.toMillis() + " ms", functionId, null, null)),
                    timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (RejectedExecutionException ex) {
            // The worker shut down between the caller's check and now.
            calls.remove(call.id);
            call.future.completeExceptionally(new InvocationException(ErrorCode.SHUTDOWN,
                    "The worker is shut down", functionId, null, null));
        }
        return call;
    }

    void complete(InvocationResult result) {
        Call call = calls.remove(result.invocationId());
        if (call == null) {
            log.debug("dropped a result for unknown or expired invocation {}", result.invocationId());
            return;
        }
        call.timer.cancel(false);
        if (result.error() != null) {
            InvocationException error = InvocationException.fromErrorBody(result.error(), call.functionId);
            onCompletionThread(() -> call.future.completeExceptionally(error));
        }
        else {
            JsonNode value = result.result() == null ? null : result.result().tree();
            onCompletionThread(() -> call.future.complete(value));
        }
    }

    void fail(UUID id, InvocationException error) {
        Call call = calls.remove(id);
        if (call != null) {
            ScheduledFuture<?> timer = call.timer;
            if (timer != null) {
                timer.cancel(false);
            }
            onCompletionThread(() -> call.future.completeExceptionally(error));
        }
    }

    private void onCompletionThread(Runnable completion) {
        try {
            completions.execute(completion);
        }
        catch (RejectedExecutionException ex) {
            // After shutdown there is no pool left; the caller's continuations run here instead.
            completion.run();
        }
    }

    /** Fails the calls that were sent on a connection that is gone: their results can no longer arrive. */
    void failSentOn(EngineConnection connection) {
        failMatching(call -> call.sentOn == connection, call -> new InvocationException(ErrorCode.CONNECTION_LOST,
                "The connection to the engine was lost before " + call.functionId + " answered", call.functionId,
                null, null));
    }

    void failAll(String code, String message) {
        failMatching(call -> true, call -> new InvocationException(code, message, call.functionId, null, null));
    }

    private void failMatching(Predicate<Call> which, Function<Call, InvocationException> error) {
        for (Call call : calls.values()) {
            if (which.test(call)) {
                fail(call.id, error.apply(call));
            }
        }
    }

    int size() {
        return calls.size();
    }
}
