package dev.iii.sdk.internal.calls;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.iii.sdk.internal.threads.NonBlockingSection;

/**
 * A future the worker completes from what the engine sends (a call's result, a function becoming available):
 * waiting for it on the thread that reads the engine's frames, in a handler declared non-blocking, would never
 * end, so {@link #get}, {@link #join} and their variants fail at once there while it is not done. The futures
 * derived from it ({@code thenApply}, {@code thenCompose}, ...) are of this kind too.
 *
 * @param <T> the result type
 */
public class WaitRefusingFuture<T> extends CompletableFuture<T> {

    @Override
    public T get() throws InterruptedException, ExecutionException {
        refuseWait("get()");
        return super.get();
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        refuseWait("get(timeout)");
        return super.get(timeout, unit);
    }

    @Override
    public T join() {
        refuseWait("join()");
        return super.join();
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new WaitRefusingFuture<>();
    }

    private void refuseWait(String method) {
        if (!isDone()) {
            NonBlockingSection.refuseWait(method + " on a future the engine's answer completes");
        }
    }
}
