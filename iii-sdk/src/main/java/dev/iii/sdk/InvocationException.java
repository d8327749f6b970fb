package dev.iii.sdk;

import dev.iii.sdk.function.PayloadProblem;
import tools.jackson.core.JacksonException;

/**
 * A failed invocation, with the error code that callers match on (see {@link ErrorCode}).
 * <p>
 * Calls complete exceptionally with it: the remote error's code, message and stack trace, or a client-side
 * code such as {@link ErrorCode#TIMEOUT}. Handlers throw it to choose the code their caller receives; any
 * other exception a handler throws reaches the caller as {@link ErrorCode#INVOCATION_FAILED}.
 */
public class InvocationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final String functionId;
    private final String remoteStackTrace;

    /** An error with a code of the handler's choosing. */
    public InvocationException(String code, String message) {
        this(code, message, null, null, null);
    }

    /** An error with a code of the handler's choosing and the exception that caused it. */
    public InvocationException(String code, String message, Throwable cause) {
        this(code, message, null, null, cause);
    }

    /**
     * @param code             error code, never blank
     * @param message          human-readable message
     * @param functionId       the function that was called, when known
     * @param remoteStackTrace the stack trace the remote side sent, when it sent one
     * @param cause            the local cause, when there is one
     */
    public InvocationException(String code, String message, String functionId, String remoteStackTrace,
            Throwable cause) {
        super(message, cause);
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("an invocation error needs a code");
        }
        this.code = code;
        this.functionId = functionId;
        this.remoteStackTrace = remoteStackTrace;
    }

    /**
     * The {@link ErrorCode#INVALID_REQUEST} error for a payload that does not bind, in the caller's terms: the
     * function, what was bound, the JSON path and what the JSON there should have been. It names no Java
     * type, class or method: those stay in the worker (the cause, and its DEBUG log).
     *
     * @param functionId the function whose payload it is
     * @param subject    what did not bind, as the caller knows it: {@code "the payload"}, or a parameter's
     *                   name such as {@code "parameter 'order'"}
     * @param cause      Jackson's binding failure
     */
    public static InvocationException invalidRequest(String functionId, String subject, JacksonException cause) {
        String path = PayloadProblem.path(cause);
        return new InvocationException(ErrorCode.INVALID_REQUEST, capitalized(subject) + " of " + functionId
                + " does not fit" + ("$".equals(path) ? "" : " at " + path) + ": " + PayloadProblem.reason(cause),
                functionId, null, cause);
    }

    private static String capitalized(String subject) {
        return subject.isEmpty() ? subject : Character.toUpperCase(subject.charAt(0)) + subject.substring(1);
    }

    /** The error code, e.g. {@code function_not_found}. */
    public String getCode() {
        return code;
    }

    /** The function that was called, or {@code null} when unknown. */
    public String getFunctionId() {
        return functionId;
    }

    /** The stack trace sent by the remote side, or {@code null}. */
    public String getRemoteStackTrace() {
        return remoteStackTrace;
    }

    @Override
    public String toString() {
        return getClass().getName() + ": [" + code + "]" + (functionId != null ? " " + functionId : "") + ": "
                + getMessage();
    }
}
