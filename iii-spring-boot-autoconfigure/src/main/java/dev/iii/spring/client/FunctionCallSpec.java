package dev.iii.spring.client;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

import dev.iii.sdk.CallOptions;
import dev.iii.sdk.EnqueueReceipt;
import dev.iii.sdk.InvocationException;
import dev.iii.spring.observation.CallObservationContext;
import io.micrometer.observation.Observation;
import org.springframework.core.ParameterizedTypeReference;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * One call to a function, as {@link IIITemplate#function(String)} starts it: set what the call carries, then
 * end with one terminal method, which sends it. {@code retrieve} waits for the result and throws
 * {@link InvocationException} (with the remote error's code, or {@code TIMEOUT}) when the call fails;
 * {@code retrieveAsync} returns at once with a future that completes the same way. A spec describes one call
 * and is not meant to be shared between threads.
 * <pre>{@code
 * List<Order> open = iii.function("orders::list").payload(query)
 *         .retrieve(new ParameterizedTypeReference<List<Order>>() {});
 * iii.function("audit::log").payload(event).callVoid();
 * EnqueueReceipt receipt = iii.function("payments::charge").payload(charge).enqueue("payments");
 * }</pre>
 */
public final class FunctionCallSpec {

    private final IIITemplate template;
    private final String functionId;
    private Object payload = JsonNodeFactory.instance.objectNode();
    private CallOptions options = CallOptions.defaults();

    FunctionCallSpec(IIITemplate template, String functionId) {
        this.template = template;
        this.functionId = functionId;
    }

    /** What the function receives: any value the worker's mapper writes as JSON; without it the call sends {@code {}}. */
    public FunctionCallSpec payload(Object payload) {
        this.payload = payload;
        return this;
    }

    /** How long to wait for the result; without it, {@code iii.invocation-timeout}. */
    public FunctionCallSpec timeout(Duration timeout) {
        options = options.withTimeout(timeout);
        return this;
    }

    /** Metadata handed to the function beside the payload; any value the worker's mapper writes as JSON. */
    public FunctionCallSpec metadata(Object metadata) {
        options = options.withMetadata(metadata);
        return this;
    }

    /** Namespace to look the function up in; without it, the worker's namespace. */
    public FunctionCallSpec namespace(String namespace) {
        options = options.withNamespace(namespace);
        return this;
    }

    /**
     * When the function's owner is gone ({@code function_not_found}, {@code invocation_stopped}), waits for it to
     * register the function again and calls again, within the call's timeout. Only for functions that may run
     * twice: {@code invocation_stopped} means the first run may have begun.
     */
    public FunctionCallSpec retryUntilAvailable() {
        options = options.withRetryUntilAvailable();
        return this;
    }

    /**
     * W3C trace context to send instead of the current observation's; only needed to continue a trace that
     * Micrometer Tracing does not know about.
     */
    public FunctionCallSpec traceContext(String traceparent, String baggage) {
        options = options.withTraceContext(traceparent, baggage);
        return this;
    }

    /** Calls the function and waits for its result, bound to {@code resultType} ({@code null} for no value). */
    public <T> T retrieve(Class<T> resultType) {
        return await(retrieveAsync(resultType));
    }

    /** Calls the function and waits for its result, bound to a generic type such as {@code List<Order>}. */
    public <T> T retrieve(ParameterizedTypeReference<T> resultType) {
        return await(retrieveAsync(resultType));
    }

    /** Calls the function; the future completes with the bound result or with {@link InvocationException}. */
    public <T> CompletableFuture<T> retrieveAsync(Class<T> resultType) {
        return call(resultType);
    }

    /** Calls the function; the future completes with the result bound to a generic type. */
    public <T> CompletableFuture<T> retrieveAsync(ParameterizedTypeReference<T> resultType) {
        return call(resultType.getType());
    }

    /** Fire and forget: returns at once, nothing comes back. */
    public void callVoid() {
        observed(traced -> {
            template.getWorker().callVoid(functionId, payload, traced);
            return CompletableFuture.completedFuture(null);
        });
    }

    /** Hands the call to a named queue and waits for the engine's receipt; the function runs later. */
    public EnqueueReceipt enqueue(String queue) {
        return await(enqueueAsync(queue));
    }

    /** Hands the call to a named queue; the future completes with the engine's receipt. */
    public CompletableFuture<EnqueueReceipt> enqueueAsync(String queue) {
        return observed(traced -> template.getWorker().enqueue(queue, functionId, payload, traced));
    }

    private <T> CompletableFuture<T> call(Type resultType) {
        return observed(traced -> template.getWorker().call(functionId, payload, resultType, traced));
    }

    private <T> CompletableFuture<T> observed(Function<CallOptions, CompletableFuture<T>> send) {
        CallObservationContext context = new CallObservationContext(functionId);
        Observation observation = template.startObservation(context);
        CompletableFuture<T> result;
        try {
            result = send.apply(traced(context));
        }
        catch (RuntimeException ex) {
            observation.error(ex);
            observation.stop();
            throw ex;
        }
        return result.whenComplete((value, error) -> {
            if (error != null) {
                observation.error(error);
            }
            observation.stop();
        });
    }

    /** Explicit trace context wins; otherwise the one the tracer propagated into the observation's carrier. */
    private CallOptions traced(CallObservationContext context) {
        if (options.traceparent() != null || context.getTraceparent() == null) {
            return options;
        }
        return options.withTraceContext(context.getTraceparent(), context.getBaggage());
    }

    private <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        }
        catch (ExecutionException ex) {
            Throwable cause = ex.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("The call to " + functionId + " failed", cause);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + functionId, ex);
        }
    }
}
