package dev.iii.protocol;

import java.util.UUID;

/**
 * {@code invocationresult}: the one answer to an {@link InvokeFunction} that carried an id.
 *
 * @param invocationId id of the invocation being answered
 * @param functionId   echo of the invoked function id (the engine drops a result without it)
 * @param result       success value; absent means "no value"
 * @param error        present when the invocation failed
 * @param traceparent  W3C trace context of the reply, optional
 * @param baggage      W3C baggage of the reply, optional
 */
public record InvocationResult(UUID invocationId, String functionId, RawJson result, ErrorBody error,
        String traceparent, String baggage) implements Message {
    public InvocationResult {
        Fields.required(invocationId, "invocation_id");
        Fields.required(functionId, "function_id");
        result = Fields.optionalRaw(result);
    }

    /** A successful result; {@code result} may be {@code null} for "no value". */
    public static InvocationResult success(UUID invocationId, String functionId, RawJson result) {
        return new InvocationResult(invocationId, functionId, result, null, null, null);
    }

    /** A failed result. */
    public static InvocationResult failure(UUID invocationId, String functionId, ErrorBody error) {
        return new InvocationResult(invocationId, functionId, null, Fields.required(error, "error"), null, null);
    }
}
