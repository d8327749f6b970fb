package dev.iii.sdk.internal.calls;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Waits until a function is registered with the engine; the discovery part provides it. */
@FunctionalInterface
public interface FunctionAwaiter {

    /**
     * @param namespace the function's namespace, or {@code null} for the worker's
     * @return completes once the function is listed, or fails with {@code TIMEOUT} after {@code timeout}
     */
    CompletableFuture<Void> await(String functionId, String namespace, Duration timeout);
}
