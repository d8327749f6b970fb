package dev.iii.protocol;

/**
 * The error member of {@link InvocationResult}, {@link TriggerRegistrationResult} and {@link EngineError}.
 *
 * @param code       machine-readable code; clients match on it, never on the message
 * @param message    human-readable message
 * @param stacktrace optional stack trace of the failure
 */
public record ErrorBody(String code, String message, String stacktrace) {
    public ErrorBody {
        Fields.required(code, "code");
        Fields.required(message, "message");
    }

    /** An error without a stack trace. */
    public ErrorBody(String code, String message) {
        this(code, message, null);
    }
}
