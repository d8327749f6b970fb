package dev.iii.sdk.internal.serving;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import dev.iii.protocol.ErrorBody;
import dev.iii.protocol.InvocationResult;
import dev.iii.protocol.MessageCodec;
import dev.iii.protocol.RawJson;
import dev.iii.sdk.ErrorCode;
import dev.iii.sdk.InvocationException;
import dev.iii.sdk.internal.binding.PayloadBinder;
import dev.iii.sdk.internal.transport.EngineLink;
import dev.iii.sdk.internal.transport.FrameWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * Writes an invocation's one answer on the link it came from: the result straight to the frame with the
 * application's mapper, or an error body from the failure. A link that is gone takes no answer: the engine
 * already answered {@code invocation_stopped} for it.
 */
final class Replies {

    private static final Logger log = LoggerFactory.getLogger(Replies.class);

    private final PayloadBinder binder;
    private final MessageCodec codec = new MessageCodec();
    private final boolean sendStackTraces;

    Replies(PayloadBinder binder, boolean sendStackTraces) {
        this.binder = binder;
        this.sendStackTraces = sendStackTraces;
    }

    void result(EngineLink link, Invocation invocation, Object value) {
        RawJson result;
        try {
            result = value == null ? null : binder.write(value);
        }
        catch (JacksonException ex) {
            error(link, invocation, new ErrorBody(ErrorCode.SERIALIZATION_ERROR, "The result of "
                    + invocation.functionId() + " cannot be written as JSON: " + ex.getOriginalMessage()));
            return;
        }
        send(link, invocation, new InvocationResult(invocation.id(), invocation.functionId(), result, null,
                invocation.frame.traceparent(), invocation.frame.baggage()));
    }

    void error(EngineLink link, Invocation invocation, ErrorBody error) {
        send(link, invocation, new InvocationResult(invocation.id(), invocation.functionId(), null, error,
                invocation.frame.traceparent(), invocation.frame.baggage()));
    }

    /** The error body of a handler's failure: its code, its message, and its stack trace if allowed. */
    ErrorBody failure(Throwable failure) {
        Throwable cause = unwrap(failure);
        String code = cause instanceof InvocationException invocation ? invocation.getCode()
                : ErrorCode.INVOCATION_FAILED;
        String message = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        return new ErrorBody(code, message, sendStackTraces ? stackTrace(cause) : null);
    }

    private void send(EngineLink link, Invocation invocation, InvocationResult result) {
        try {
            if (!link.sendNow(codec.encode(result))) {
                log.debug("dropped the answer to {} ({}): its connection is gone and the engine already answered "
                        + "invocation_stopped", invocation.functionId(), invocation.id());
            }
        }
        catch (FrameWriter.QueueFullException ex) {
            // Dropping the link is the only way left to give the caller an answer: the engine's invocation_stopped.
            log.warn("The answer to {} ({}) could not be queued ({}); dropping the connection", invocation.functionId(),
                    invocation.id(), ex.getMessage());
            link.abort(1011, "send queue full");
        }
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
