package dev.iii.spring.observation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.observation.transport.SenderContext;

/**
 * The observation context of a call. As a sender context it receives the trace headers Micrometer Tracing
 * propagates, which the call then sends as {@code traceparent} and {@code baggage}.
 */
public class CallObservationContext extends SenderContext<Map<String, String>> {

    private final String functionId;
    private final Outcome outcome = new Outcome();

    public CallObservationContext(String functionId) {
        super((carrier, key, value) -> {
            if (carrier != null && value != null) {
                carrier.put(key, value);
            }
        });
        this.functionId = functionId;
        setCarrier(new ConcurrentHashMap<>());
    }

    public String getFunctionId() {
        return functionId;
    }

    /** The W3C trace context to send, or {@code null}. */
    public String getTraceparent() {
        return getCarrier().get("traceparent");
    }

    /** The W3C baggage to send, or {@code null}. */
    public String getBaggage() {
        return getCarrier().get("baggage");
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
