package dev.iii.spring.endpoint;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.iii.sdk.trigger.TriggerRequest;

/**
 * One function served by a bean method: an {@code @IIIFunction} method as collected from its bean
 * (placeholders resolved), or one registered from code through an
 * {@link dev.iii.spring.annotation.IIIFunctionConfigurer}. Either way it is bound, validated, observed and
 * registered the same way.
 *
 * @param beanName        name of the bean that declares it, for messages
 * @param bean            the bean (possibly a proxy)
 * @param method          the method to invoke on {@code bean}
 * @param functionId      function id
 * @param description     description, or {@code null}
 * @param metadata        registration metadata
 * @param generateSchemas whether to send generated JSON Schemas
 * @param triggers        bindings of this function
 * @param timeout         how long an invocation may run, or {@code null} for the worker's handler timeout
 * @param concurrency     invocations that may run at once, {@code 0} for no limit of its own
 * @param nonBlocking     whether the method never blocks, so the worker may run it on the thread that reads the
 *                        engine's frames ({@link dev.iii.sdk.function.FunctionOptions#nonBlocking()})
 */
public record FunctionEndpoint(String beanName, Object bean, Method method, String functionId, String description,
        Map<String, String> metadata, boolean generateSchemas, List<TriggerRequest> triggers, Duration timeout,
        int concurrency, boolean nonBlocking) {

    public FunctionEndpoint {
        metadata = Map.copyOf(metadata);
        triggers = List.copyOf(triggers);
    }

    /** A function served by {@code method} of {@code bean}, with schemas and nothing else. */
    public static FunctionEndpoint of(String functionId, Object bean, Method method) {
        return new FunctionEndpoint(bean.getClass().getSimpleName(), bean, method, functionId, null, Map.of(), true,
                List.of(), null, 0, false);
    }

    /** The same function with a description. */
    public FunctionEndpoint withDescription(String description) {
        return new FunctionEndpoint(beanName, bean, method, functionId, description, metadata, generateSchemas,
                triggers, timeout, concurrency, nonBlocking);
    }

    /** The same function with one more binding. */
    public FunctionEndpoint withTrigger(TriggerRequest trigger) {
        List<TriggerRequest> all = new ArrayList<>(triggers);
        all.add(trigger);
        return new FunctionEndpoint(beanName, bean, method, functionId, description, metadata, generateSchemas, all,
                timeout, concurrency, nonBlocking);
    }

    /** {@code bean.method(ParamType, ...)}, for messages. */
    public String describe() {
        StringBuilder text = new StringBuilder(beanName).append('.').append(method.getName()).append('(');
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            text.append(i > 0 ? ", " : "").append(types[i].getSimpleName());
        }
        return text.append(')').toString();
    }
}
