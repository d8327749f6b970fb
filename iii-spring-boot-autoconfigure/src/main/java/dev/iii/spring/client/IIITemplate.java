package dev.iii.spring.client;

import java.lang.reflect.Type;
import java.util.concurrent.CompletableFuture;

import dev.iii.sdk.CallOptions;
import dev.iii.sdk.EnqueueReceipt;
import dev.iii.sdk.IIIWorker;
import dev.iii.spring.observation.CallObservationContext;
import dev.iii.spring.observation.CallObservationConvention;
import dev.iii.spring.observation.IIIObservationDocumentation;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import tools.jackson.databind.JsonNode;

/**
 * Calls iii functions from Spring code, through the application's worker. Each call is observed (timer,
 * and a span whose W3C trace context travels with the call when Micrometer Tracing is present).
 * <pre>{@code
 * OrderCreated created = iii.call("orders::create", request, OrderCreated.class).join();
 * }</pre>
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

    /** Calls a function; the result as a JSON tree ({@code null} for no value). */
    public CompletableFuture<JsonNode> call(String functionId, Object payload) {
        return call(functionId, payload, JsonNode.class, CallOptions.defaults());
    }

    /** Calls a function and binds its result to {@code resultType}. */
    public <R> CompletableFuture<R> call(String functionId, Object payload, Class<R> resultType) {
        return call(functionId, payload, resultType, CallOptions.defaults());
    }

    /** Calls a function with per-call options (timeout, metadata, namespace). */
    public <R> CompletableFuture<R> call(String functionId, Object payload, Class<R> resultType, CallOptions options) {
        return call(functionId, payload, (Type) resultType, options);
    }

    /** Calls a function and binds its result to a generic type. */
    public <R> CompletableFuture<R> call(String functionId, Object payload, Type resultType, CallOptions options) {
        CallObservationContext context = new CallObservationContext(functionId);
        Observation observation = start(context);
        CompletableFuture<R> result;
        try {
            result = worker.call(functionId, payload, resultType, traced(options, context));
        }
        catch (RuntimeException ex) {
            context.failed(ex);
            observation.error(ex);
            observation.stop();
            throw ex;
        }
        return result.whenComplete((value, error) -> {
            if (error != null) {
                context.failed(error);
                observation.error(error);
            }
            observation.stop();
        });
    }

    /** Fire and forget: returns at once, nothing comes back. */
    public void callVoid(String functionId, Object payload) {
        callVoid(functionId, payload, CallOptions.defaults());
    }

    /** Fire and forget with per-call options. */
    public void callVoid(String functionId, Object payload, CallOptions options) {
        CallObservationContext context = new CallObservationContext(functionId);
        Observation observation = start(context);
        try {
            worker.callVoid(functionId, payload, traced(options, context));
        }
        catch (RuntimeException ex) {
            context.failed(ex);
            observation.error(ex);
            throw ex;
        }
        finally {
            observation.stop();
        }
    }

    /** Hands a call to a named queue; completes with the engine's receipt. */
    public CompletableFuture<EnqueueReceipt> enqueue(String queue, String functionId, Object payload) {
        return enqueue(queue, functionId, payload, CallOptions.defaults());
    }

    /** Enqueues with per-call options. */
    public CompletableFuture<EnqueueReceipt> enqueue(String queue, String functionId, Object payload,
            CallOptions options) {
        CallObservationContext context = new CallObservationContext(functionId);
        Observation observation = start(context);
        return worker.enqueue(queue, functionId, payload, traced(options, context)).whenComplete((value, error) -> {
            if (error != null) {
                context.failed(error);
                observation.error(error);
            }
            observation.stop();
        });
    }

    private Observation start(CallObservationContext context) {
        return IIIObservationDocumentation.CALL
                .observation(convention, IIIObservationDocumentation.DefaultConventions.CALL, () -> context, observations)
                .start();
    }

    /** Explicit trace context wins; otherwise the one the tracer propagated into the observation's carrier. */
    private static CallOptions traced(CallOptions options, CallObservationContext context) {
        if (options.traceparent() != null || context.getTraceparent() == null) {
            return options;
        }
        return options.withTraceContext(context.getTraceparent(), context.getBaggage());
    }
}
