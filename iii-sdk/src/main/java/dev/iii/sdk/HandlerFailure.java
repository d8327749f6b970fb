package dev.iii.sdk;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import dev.iii.protocol.ErrorBody;

/** How a handler's exception becomes the error body its caller receives. */
final class HandlerFailure {

    private HandlerFailure() {
    }

    static ErrorBody toErrorBody(Throwable failure, boolean withStackTrace) {
        Throwable cause = unwrap(failure);
        String code = cause instanceof InvocationException invocation ? invocation.getCode()
                : ErrorCode.INVOCATION_FAILED;
        String message = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getName();
        return new ErrorBody(code, message, withStackTrace ? stackTrace(cause) : null);
    }

    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String stackTrace(Throwable cause) {
        StringWriter text = new StringWriter();
        cause.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
