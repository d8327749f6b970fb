package dev.iii.sdk.internal.calls;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The future of a call: only the worker completes it. {@link #cancel} (and {@link #orTimeout}) give the call
 * up: the worker stops waiting for its result, forgets it and drops the result if it still comes. Like the futures
 * derived from it, it refuses to be waited for inside a non-blocking handler ({@link WaitRefusingFuture}).
 *
 * @param <T> the result type
 */
public final class CallFuture<T> extends WaitRefusingFuture<T> {

    private static final String COMPLETED_BY_THE_WORKER =
            "a call's future is completed by the worker; cancel() it to stop waiting";

    private final Runnable forget;
    private final ScheduledExecutorService timer;

    CallFuture(Runnable forget, ScheduledExecutorService timer) {
        this.forget = forget;
        this.timer = timer;
    }

    void succeed(T value) {
        super.complete(value);
    }

    void fail(Throwable error) {
        super.completeExceptionally(error);
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled) {
            forget.run();
        }
        return cancelled;
    }

    @Override
    public CompletableFuture<T> orTimeout(long timeout, TimeUnit unit) {
        if (!isDone()) {
            try {
                timer.schedule(() -> {
                    if (!isDone()) {
                        forget.run();
                        fail(new TimeoutException());
                    }
                }, timeout, unit);
            }
            catch (RejectedExecutionException ex) {
                // The worker is shut down; its own shutdown completes this future.
            }
        }
        return this;
    }

    @Override
    public boolean complete(T value) {
        throw new UnsupportedOperationException(COMPLETED_BY_THE_WORKER);
    }

    @Override
    public boolean completeExceptionally(Throwable error) {
        throw new UnsupportedOperationException(COMPLETED_BY_THE_WORKER);
    }

    @Override
    public void obtrudeValue(T value) {
        throw new UnsupportedOperationException(COMPLETED_BY_THE_WORKER);
    }

    @Override
    public void obtrudeException(Throwable error) {
        throw new UnsupportedOperationException(COMPLETED_BY_THE_WORKER);
    }

    @Override
    public CompletableFuture<T> completeAsync(Supplier<? extends T> supplier, Executor executor) {
        throw new UnsupportedOperationException(COMPLETED_BY_THE_WORKER);
    }

    @Override
    public CompletableFuture<T> completeAsync(Supplier<? extends T> supplier) {
        throw new UnsupportedOperationException(COMPLETED_BY_THE_WORKER);
    }

    @Override
    public CompletableFuture<T> completeOnTimeout(T value, long timeout, TimeUnit unit) {
        throw new UnsupportedOperationException(COMPLETED_BY_THE_WORKER);
    }
}
