package dev.iii.sdk;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** How a failed call failed, for assertions. */
final class Failures {

    private Failures() {
    }

    /** The cause under the future's {@code CompletionException} and {@code ExecutionException} wrappers. */
    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The invocation error a call's future failed with. */
    static InvocationException of(CompletableFuture<?> call) {
        return (InvocationException) unwrap(call.handle((value, error) -> error).join());
    }
}
