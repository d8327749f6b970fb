package dev.iii.spring.observation;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import dev.iii.sdk.ErrorCode;
import dev.iii.sdk.InvocationException;

/** The outcome of an invocation or call, as its observation records it. */
final class Outcome {

    static final String NONE = "none";

    private volatile String errorCode;

    /** The failure itself: futures wrap it, and a tag or span naming the wrapper says nothing. */
    static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Records the error code of an unwrapped failure. */
    void failed(Throwable cause) {
        errorCode = cause instanceof InvocationException invocation ? invocation.getCode() : ErrorCode.INVOCATION_FAILED;
    }

    String outcome() {
        return errorCode == null ? "success" : "error";
    }

    String errorCode() {
        return errorCode == null ? NONE : errorCode;
    }
}
