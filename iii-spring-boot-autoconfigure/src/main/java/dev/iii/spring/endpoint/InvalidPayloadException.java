package dev.iii.spring.endpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.iii.sdk.ErrorCode;
import dev.iii.sdk.InvocationException;
import dev.iii.sdk.function.PayloadProblem;
import org.springframework.core.MethodParameter;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;

/**
 * The {@link ErrorCode#INVALID_REQUEST} error of a payload the function cannot take: JSON that does not bind
 * to the payload parameter, an {@code http} request without the body it needs, or a {@code @Valid} payload that
 * breaks its constraints. The message, for other workers, names the function and where the payload went wrong;
 * {@link #getViolations()} lists each problem by path, and {@link #getPublicMessage()} says what an HTTP caller
 * may read: nothing about classes or methods.
 */
public class InvalidPayloadException extends InvocationException {

    private static final long serialVersionUID = 1L;

    /**
     * One problem of the payload.
     *
     * @param path    the JSON path of a value that does not bind ({@code $.lines[0].quantity}), or the property
     *                path of a violated constraint ({@code lines[0].quantity}); {@code $} for the whole payload
     * @param message what is wrong, readable by the caller
     */
    public record Violation(String path, String message) {
    }

    private final transient List<Violation> violations;
    private final String publicMessage;

    private InvalidPayloadException(String message, String publicMessage, List<Violation> violations,
            Throwable cause) {
        super(ErrorCode.INVALID_REQUEST, message, cause);
        this.publicMessage = publicMessage;
        this.violations = List.copyOf(violations);
    }

    static InvalidPayloadException notBindable(String functionId, MethodParameter parameter, JavaType type,
            JacksonException cause) {
        String path = PayloadProblem.path(cause);
        String message = "Payload of " + functionId + " does not bind to parameter '" + parameter.getParameterName()
                + "' (" + type.getRawClass().getSimpleName() + ") of " + parameter.getDeclaringClass().getSimpleName()
                + "." + parameter.getExecutable().getName() + " at " + path + ": " + cause.getOriginalMessage();
        // Jackson's own text names Java types; callers get the path and a plain reason.
        return new InvalidPayloadException(message, "The payload does not have the expected shape",
                List.of(new Violation(path, "does not have the expected type or format")), cause);
    }

    static InvalidPayloadException missingHttpBody(String functionId) {
        String reason = "The request needs a JSON body, sent with Content-Type: application/json";
        return new InvalidPayloadException("Request to " + functionId + " has no JSON body: " + reason, reason,
                List.of(new Violation("$.body", "is missing or is not valid JSON")), null);
    }

    static InvalidPayloadException constraintsViolated(String functionId, BindingResult errors) {
        List<Violation> violations = new ArrayList<>();
        for (ObjectError error : errors.getAllErrors()) {
            String path = error instanceof FieldError field ? field.getField() : "$";
            violations.add(new Violation(path, error.getDefaultMessage()));
        }
        String listed = violations.stream().map(v -> v.path() + ": " + v.message()).collect(Collectors.joining("; "));
        return new InvalidPayloadException("Payload of " + functionId + " is not valid: " + listed,
                "The payload is not valid", violations, null);
    }

    /** Each problem, by path. */
    public List<Violation> getViolations() {
        return violations;
    }

    /** What the payload's sender may be told: no class, method or parameter names. */
    public String getPublicMessage() {
        return publicMessage;
    }
}
