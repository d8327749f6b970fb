package dev.iii.sdk.internal.calls;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import dev.iii.protocol.RawJson;
import dev.iii.sdk.CallOptions;
import dev.iii.sdk.ErrorCode;
import dev.iii.sdk.InvocationException;

/**
 * A call made with {@link CallOptions#retryUntilAvailable()}: when the answer says the function's owner is gone
 * ({@code function_not_found}, {@code invocation_stopped}: it disconnected, and comes back when it reconnects),
 * the call waits for the function to be registered again and is made again, all within its one timeout. Any
 * other answer, or the timeout, ends it as a plain call would end.
 */
public final class OwnerRetry {

    private final OutboundCalls calls;
    private final FunctionAwaiter awaiter;
    private final ScheduledExecutorService timer;
    private final Duration defaultTimeout;

    public OwnerRetry(OutboundCalls calls, FunctionAwaiter awaiter, ScheduledExecutorService timer,
            Duration defaultTimeout) {
        this.calls = calls;
        this.awaiter = awaiter;
        this.timer = timer;
        this.defaultTimeout = defaultTimeout;
    }

    public <R> CallFuture<R> request(String functionId, Object payload, CallOptions callOptions,
            Function<RawJson, R> resultMapper) {
        Duration timeout = callOptions.timeout() != null ? callOptions.timeout() : defaultTimeout;
        long deadline = System.nanoTime() + timeout.toNanos();
        AtomicReference<CompletableFuture<?>> current = new AtomicReference<>();
        CallFuture<R> outer = new CallFuture<>(() -> {
            CompletableFuture<?> attempt = current.get();
            if (attempt != null) {
                attempt.cancel(false);
            }
        }, timer);
        attempt(functionId, payload, callOptions, resultMapper, deadline, current, outer);
        return outer;
    }

    private <R> void attempt(String functionId, Object payload, CallOptions callOptions,
            Function<RawJson, R> resultMapper, long deadline, AtomicReference<CompletableFuture<?>> current,
            CallFuture<R> outer) {
        Duration left = Duration.ofNanos(deadline - System.nanoTime());
        if (outer.isDone()) {
            return;
        }
        CallFuture<R> call = calls.request(functionId, payload, callOptions.withTimeout(positive(left)), null,
                resultMapper);
        current.set(call);
        call.whenComplete((result, error) -> {
            if (error == null) {
                outer.succeed(result);
                return;
            }
            Duration remaining = Duration.ofNanos(deadline - System.nanoTime());
            if (!ownerGone(error) || remaining.isNegative() || remaining.isZero() || outer.isDone()) {
                outer.fail(error);
                return;
            }
            CompletableFuture<Void> back = awaiter.await(functionId, callOptions.namespace(), remaining);
            current.set(back);
            back.whenComplete((ignored, notBack) -> {
                if (notBack != null) {
                    outer.fail(new InvocationException(ErrorCode.TIMEOUT, "No result from " + functionId
                            + " within its timeout: its owner did not come back (" + codeOf(error) + ")", functionId,
                            null, null));
                }
                else {
                    attempt(functionId, payload, callOptions, resultMapper, deadline, current, outer);
                }
            });
        });
    }

    private static boolean ownerGone(Throwable error) {
        String code = codeOf(error);
        return ErrorCode.FUNCTION_NOT_FOUND.equals(code) || ErrorCode.INVOCATION_STOPPED.equals(code);
    }

    private static String codeOf(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof InvocationException invocation ? invocation.getCode() : null;
    }

    private static Duration positive(Duration left) {
        return left.isNegative() || left.isZero() ? Duration.ofMillis(1) : left;
    }
}
