package dev.iii.spring.endpoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.iii.sdk.IIIWorker;
import dev.iii.sdk.function.FunctionOptions;
import dev.iii.sdk.trigger.TriggerRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.BeanInitializationException;

/**
 * The validated, frozen catalog of {@code @IIIFunction} methods. Validation fails start-up with a message
 * naming bean and method: duplicate function ids, and methods whose parameters cannot be bound.
 * {@link #registerWith(IIIWorker)} hands the catalog to the worker when the lifecycle starts.
 */
public class FunctionEndpointRegistry {

    private static final Log log = LogFactory.getLog(FunctionEndpointRegistry.class);

    private final FunctionMethodInvokerFactory invokers;
    private volatile List<FunctionMethodInvoker> frozen;

    public FunctionEndpointRegistry(FunctionMethodInvokerFactory invokers) {
        this.invokers = invokers;
    }

    /**
     * Validates and freezes the catalog; called once, after all singletons exist.
     *
     * @throws BeanInitializationException naming every problem found
     */
    public synchronized void freeze(List<FunctionEndpoint> endpoints) {
        if (frozen != null) {
            throw new IllegalStateException("the @IIIFunction catalog is already frozen");
        }
        List<String> problems = new ArrayList<>();
        Map<String, FunctionEndpoint> byId = new LinkedHashMap<>();
        List<FunctionMethodInvoker> built = new ArrayList<>();
        for (FunctionEndpoint endpoint : endpoints) {
            FunctionEndpoint other = byId.putIfAbsent(endpoint.functionId(), endpoint);
            if (other != null) {
                problems.add("function id '" + endpoint.functionId() + "' is declared twice: on " + other.describe()
                        + " and on " + endpoint.describe());
                continue;
            }
            try {
                built.add(invokers.create(endpoint));
            }
            catch (IllegalArgumentException ex) {
                problems.add(ex.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new BeanInitializationException("Invalid @IIIFunction methods:\n - " + String.join("\n - ", problems));
        }
        frozen = List.copyOf(built);
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
                    .metadata(endpoint.metadata().isEmpty() ? null : endpoint.metadata()).build();
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
