package dev.iii.spring.observation;

import dev.iii.sdk.function.InvocationContext;
import io.micrometer.observation.transport.ReceiverContext;

/**
 * The observation context of an invocation. As a receiver context it lets Micrometer Tracing continue the
 * W3C trace ({@code traceparent}, {@code baggage}) the caller sent in the frame.
 */
public class InvocationObservationContext extends ReceiverContext<InvocationContext> {

    private final InvocationContext invocation;
    private final Outcome outcome = new Outcome();

    public InvocationObservationContext(InvocationContext invocation) {
        super((carrier, key) -> switch (key) {
            case "traceparent" -> carrier.traceparent();
            case "baggage" -> carrier.baggage();
            default -> null;
        });
        this.invocation = invocation;
        setCarrier(invocation);
    }

    public InvocationContext getInvocation() {
        return invocation;
    }

    /**
     * Records the failure without the future's wrapper around it, so the {@code error} tag and the span name
     * the real exception, and its error code for the tags.
     */
    @Override
    public void setError(Throwable error) {
        Throwable cause = Outcome.unwrap(error);
        outcome.failed(cause);
        super.setError(cause);
    }

    public String getOutcome() {
        return outcome.outcome();
    }

    public String getErrorCode() {
        return outcome.errorCode();
    }
}
