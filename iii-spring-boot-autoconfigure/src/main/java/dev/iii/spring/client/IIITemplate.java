package dev.iii.spring.client;

import dev.iii.sdk.IIIWorker;
import dev.iii.spring.observation.CallObservationContext;
import dev.iii.spring.observation.CallObservationConvention;
import dev.iii.spring.observation.IIIObservationDocumentation;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * Calls iii functions from Spring code, through the application's worker, in the shape of Spring's
 * {@code RestClient}: name the function, describe the call, then say how to wait for it.
 * <pre>{@code
 * Order order = iii.function("orders::create").payload(request).timeout(Duration.ofSeconds(5)).retrieve(Order.class);
 * }</pre>
 * Each call is observed ({@code iii.call}: a timer, and a span whose W3C trace context travels with the call
 * when Micrometer Tracing is present).
 */
public class IIITemplate {

    private final IIIWorker worker;
    private final ObservationRegistry observations;
    private final CallObservationConvention convention;

    public IIITemplate(IIIWorker worker, ObservationRegistry observations, CallObservationConvention convention) {
        this.worker = worker;
        this.observations = observations;
        this.convention = convention;
    }

    /** The worker the template calls through. */
    public IIIWorker getWorker() {
        return worker;
    }

    /** Starts describing a call to {@code functionId}; nothing is sent until a terminal method of the spec. */
    public FunctionCallSpec function(String functionId) {
        if (functionId == null || functionId.isBlank()) {
            throw new IllegalArgumentException("function id must not be blank");
        }
        return new FunctionCallSpec(this, functionId);
    }

    Observation startObservation(CallObservationContext context) {
        return IIIObservationDocumentation.CALL
                .observation(convention, IIIObservationDocumentation.DefaultConventions.CALL, () -> context, observations)
                .start();
    }
}
