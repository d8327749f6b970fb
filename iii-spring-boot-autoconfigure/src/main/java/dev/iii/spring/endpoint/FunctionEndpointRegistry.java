package dev.iii.spring.endpoint;

import java.util.List;

import dev.iii.sdk.IIIWorker;
import dev.iii.sdk.function.FunctionOptions;
import dev.iii.sdk.trigger.TriggerRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The validated, frozen function catalog of the application. {@link dev.iii.spring.annotation.EnableIII}
 * registers it; once all singletons exist the catalog is built and frozen here, and
 * {@link #registerWith(IIIWorker)} hands it to the worker when the lifecycle starts.
 */
public class FunctionEndpointRegistry {

    private static final Log log = LogFactory.getLog(FunctionEndpointRegistry.class);

    private volatile List<FunctionMethodInvoker> frozen;

    /**
     * Freezes the catalog; called once, after all singletons exist.
     *
     * @throws IllegalStateException when it is frozen already
     */
    public synchronized void freeze(List<FunctionMethodInvoker> invokers) {
        if (frozen != null) {
            throw new IllegalStateException("the iii function catalog is already frozen");
        }
        frozen = List.copyOf(invokers);
    }

    /** The catalog, in discovery order; empty until frozen. */
    public List<FunctionEndpoint> endpoints() {
        List<FunctionMethodInvoker> current = frozen;
        return current == null ? List.of() : current.stream().map(FunctionMethodInvoker::endpoint).toList();
    }

    /** Registers every function and its triggers with the worker (in memory; the worker sends them on connect). */
    public void registerWith(IIIWorker worker) {
        List<FunctionMethodInvoker> current = frozen == null ? List.of() : frozen;
        for (FunctionMethodInvoker invoker : current) {
            FunctionEndpoint endpoint = invoker.endpoint();
            FunctionOptions options = FunctionOptions.builder().description(endpoint.description())
                    .requestFormat(invoker.requestSchema()).responseFormat(invoker.responseSchema())
                    .metadata(endpoint.metadata().isEmpty() ? null : endpoint.metadata())
                    .timeout(endpoint.timeout()).maxConcurrency(endpoint.concurrency())
                    .nonBlocking(endpoint.nonBlocking()).build();
            worker.registerFunction(endpoint.functionId(), options, invoker::invoke);
            for (TriggerRequest trigger : endpoint.triggers()) {
                worker.registerTrigger(trigger);
            }
            if (log.isDebugEnabled()) {
                log.debug("Registered " + endpoint.functionId() + " -> " + endpoint.describe() + " with "
                        + endpoint.triggers().size() + " trigger(s)");
            }
        }
    }
}
