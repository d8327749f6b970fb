package dev.iii.spring.client;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.iii.sdk.CallOptions;
import dev.iii.sdk.EnqueueReceipt;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.env.PropertyResolver;
import org.springframework.util.StringUtils;

/**
 * Implements {@link IIIClient} interfaces on an {@link IIITemplate}. Every method is checked when the
 * client is created, so a mistake fails start-up with the interface and method named.
 */
public class IIIClientFactory {

    private final IIITemplate template;
    private final PropertyResolver placeholders;

    public IIIClientFactory(IIITemplate template, PropertyResolver placeholders) {
        this.template = template;
        this.placeholders = placeholders;
    }

    /**
     * @throws IllegalArgumentException when the interface or one of its methods cannot be implemented
     */
    public <T> T createClient(Class<T> type) {
        if (!type.isInterface()) {
            throw new IllegalArgumentException(type.getName() + " is not an interface");
        }
        IIIClient client = type.getAnnotation(IIIClient.class);
        CallOptions defaults = CallOptions.defaults();
        if (client != null && StringUtils.hasText(client.namespace())) {
            defaults = defaults.withNamespace(placeholders.resolveRequiredPlaceholders(client.namespace()));
        }
        if (client != null && StringUtils.hasText(client.timeout())) {
            defaults = defaults.withTimeout(duration(client.timeout(), type.getSimpleName()));
        }
        Map<Method, ClientMethod> methods = new HashMap<>();
        for (Method method : type.getMethods()) {
            if (method.isDefault() || method.getDeclaringClass() == Object.class) {
                continue;
            }
            methods.put(method, clientMethod(type, method, defaults));
        }
        InvocationHandler handler = (proxy, method, args) -> {
            ClientMethod target = methods.get(method);
            if (target != null) {
                return target.invoke(args == null ? new Object[0] : args);
            }
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            return switch (method.getName()) {
                case "toString" -> "IIIClient[" + type.getName() + "]";
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> throw new UnsupportedOperationException(method.toString());
            };
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, handler));
    }

    private ClientMethod clientMethod(Class<?> type, Method method, CallOptions defaults) {
        String where = type.getSimpleName() + "." + method.getName();
        FunctionCall call = method.getAnnotation(FunctionCall.class);
        if (call == null) {
            throw new IllegalArgumentException(where + " has no @FunctionCall: every abstract method of an "
                    + "@IIIClient interface calls a function");
        }
        String functionId = placeholders.resolveRequiredPlaceholders(call.value());
        if (!StringUtils.hasText(functionId)) {
            throw new IllegalArgumentException("@FunctionCall on " + where + " has a blank function id");
        }
        CallOptions options = StringUtils.hasText(call.timeout()) ? defaults.withTimeout(duration(call.timeout(), where))
                : defaults;
        int payloadIndex = -1;
        int optionsIndex = -1;
        Class<?>[] parameters = method.getParameterTypes();
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i] == CallOptions.class && optionsIndex < 0) {
                optionsIndex = i;
            }
            else if (payloadIndex < 0) {
                payloadIndex = i;
            }
            else {
                throw new IllegalArgumentException(where + " has more than one payload parameter: a function takes "
                        + "one payload (wrap several values in a record)");
            }
        }
        Type returnType = method.getGenericReturnType();
        boolean async = method.getReturnType() == CompletableFuture.class || method.getReturnType() == CompletionStage.class;
        Type resultType = async ? typeArgument(returnType, where) : returnType;
        Mode mode;
        if (call.fireAndForget()) {
            if (method.getReturnType() != void.class) {
                throw new IllegalArgumentException(where + " is fire-and-forget and must return void");
            }
            if (StringUtils.hasText(call.queue())) {
                throw new IllegalArgumentException(where + " cannot be both fire-and-forget and enqueued");
            }
            mode = Mode.FIRE_AND_FORGET;
        }
        else if (StringUtils.hasText(call.queue())) {
            if (resultType != EnqueueReceipt.class) {
                throw new IllegalArgumentException(where + " enqueues to '" + call.queue() + "' and must return "
                        + "EnqueueReceipt or a future of it");
            }
            mode = Mode.ENQUEUE;
        }
        else {
            mode = Mode.REQUEST_RESPONSE;
        }
        return new ClientMethod(functionId, mode, placeholders.resolveRequiredPlaceholders(call.queue()), payloadIndex,
                optionsIndex, resultType == void.class ? Void.class : resultType, async, options);
    }

    private static Type typeArgument(Type returnType, String where) {
        if (returnType instanceof ParameterizedType parameterized) {
            return parameterized.getActualTypeArguments()[0];
        }
        throw new IllegalArgumentException(where + " returns a raw future: declare its result type");
    }

    private Duration duration(String value, String where) {
        String resolved = placeholders.resolveRequiredPlaceholders(value);
        try {
            return DurationStyle.detectAndParse(resolved);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("timeout '" + resolved + "' on " + where + " is not a duration", ex);
        }
    }

    private enum Mode {
        REQUEST_RESPONSE, FIRE_AND_FORGET, ENQUEUE
    }

    private final class ClientMethod {
        private final String functionId;
        private final Mode mode;
        private final String queue;
        private final int payloadIndex;
        private final int optionsIndex;
        private final Type resultType;
        private final boolean async;
        private final CallOptions options;

        ClientMethod(String functionId, Mode mode, String queue, int payloadIndex, int optionsIndex, Type resultType,
                boolean async, CallOptions options) {
            this.functionId = functionId;
            this.mode = mode;
            this.queue = queue;
            this.payloadIndex = payloadIndex;
            this.optionsIndex = optionsIndex;
            this.resultType = resultType;
            this.async = async;
            this.options = options;
        }

        Object invoke(Object[] args) {
            FunctionCallSpec call = template.function(functionId);
            if (payloadIndex >= 0) {
                call.payload(args[payloadIndex]);
            }
            configure(call, options);
            if (optionsIndex >= 0 && args[optionsIndex] != null) {
                // What the caller passed wins over the annotations.
                configure(call, (CallOptions) args[optionsIndex]);
            }
            switch (mode) {
                case FIRE_AND_FORGET -> {
                    call.callVoid();
                    return null;
                }
                case ENQUEUE -> {
                    return async ? call.enqueueAsync(queue) : call.enqueue(queue);
                }
                default -> {
                    ParameterizedTypeReference<Object> type = ParameterizedTypeReference.forType(resultType);
                    return async ? call.retrieveAsync(type) : call.retrieve(type);
                }
            }
        }

        private static void configure(FunctionCallSpec call, CallOptions options) {
            if (options.timeout() != null) {
                call.timeout(options.timeout());
            }
            if (options.metadata() != null) {
                call.metadata(options.metadata());
            }
            if (options.namespace() != null) {
                call.namespace(options.namespace());
            }
            if (options.traceparent() != null) {
                call.traceContext(options.traceparent(), options.baggage());
            }
        }
    }
}
