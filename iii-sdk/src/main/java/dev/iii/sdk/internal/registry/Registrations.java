package dev.iii.sdk.internal.registry;

import java.lang.reflect.Type;
import java.util.UUID;
import java.util.function.Consumer;

import dev.iii.protocol.HttpInvocationRef;
import dev.iii.protocol.RegisterFunction;
import dev.iii.protocol.RegisterTrigger;
import dev.iii.protocol.RegisterTriggerType;
import dev.iii.sdk.ErrorCode;
import dev.iii.sdk.InvocationException;
import dev.iii.sdk.function.FunctionHandler;
import dev.iii.sdk.function.FunctionOptions;
import dev.iii.sdk.function.FunctionRegistration;
import dev.iii.sdk.function.HttpInvocation;
import dev.iii.sdk.function.TypedFunctionHandler;
import dev.iii.sdk.internal.binding.PayloadBinder;
import dev.iii.sdk.trigger.TriggerProvider;
import dev.iii.sdk.trigger.TriggerRegistration;
import dev.iii.sdk.trigger.TriggerRequest;
import dev.iii.sdk.trigger.TriggerTypeDefinition;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Turns what the application registers, in the SDK's own types, into registration frames and handlers for
 * the {@link Registry}: the rules of §3.2–§3.5 (a binding's {@code config} is always sent, its namespace
 * defaults to the worker's, an HTTP-invoked function has no handler and answers
 * {@code function_not_invokable} if an invocation reaches it anyway).
 */
public final class Registrations {

    private static final LocalFunction.Handler HTTP_INVOKED = (payload, context) -> {
        throw new InvocationException(ErrorCode.FUNCTION_NOT_INVOKABLE,
                "Function is HTTP-invoked and cannot be invoked locally");
    };

    private final Registry registry;
    private final PayloadBinder binder;
    private final String workerNamespace;

    public Registrations(Registry registry, PayloadBinder binder, String workerNamespace) {
        this.registry = registry;
        this.binder = binder;
        this.workerNamespace = workerNamespace;
    }

    /** A function whose handler takes the payload as a tree. */
    public FunctionRegistration function(String id, FunctionOptions options, FunctionHandler handler) {
        requireHandler(handler);
        return add(id, options, (payload, context) -> handler.handle(payload.tree(), context));
    }

    /** A function whose payload is bound to {@code payloadType} straight from the frame. */
    public <T> FunctionRegistration typedFunction(String id, FunctionOptions options, Type payloadType,
            TypedFunctionHandler<T> handler) {
        requireHandler(handler);
        ObjectReader reader = binder.reader(payloadType);
        return add(id, options, (payload, context) -> handler.handle(binder.<T>bindPayload(payload, reader, id,
                context.channels()), context));
    }

    /** A function the engine calls over HTTP. */
    public FunctionRegistration httpFunction(String id, FunctionOptions options) {
        if (options == null || options.httpInvocation() == null) {
            throw new IllegalArgumentException("an HTTP-invoked function needs httpInvocation in its options");
        }
        return add(id, options, HTTP_INVOKED);
    }

    private FunctionRegistration add(String id, FunctionOptions options, LocalFunction.Handler handler) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("function id must not be blank");
        }
        if (options == null) {
            throw new IllegalArgumentException("function options must not be null; use FunctionOptions.none()");
        }
        if (handler != HTTP_INVOKED && options.httpInvocation() != null) {
            throw new IllegalArgumentException("function " + id + " is HTTP-invoked: it cannot have a handler");
        }
        RegisterFunction frame = new RegisterFunction(id, options.description(), binder.toTree(options.requestFormat()),
                binder.toTree(options.responseFormat()), binder.toTree(options.metadata()),
                wire(options.httpInvocation()));
        return registry.addFunction(frame, handler, options);
    }

    /** A binding of a function to a trigger type, with an id of its own that survives reconnects. */
    public TriggerRegistration trigger(TriggerRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("trigger request must not be null");
        }
        JsonNode config = request.config() == null ? JsonNodeFactory.instance.objectNode()
                : binder.toTree(request.config());
        String namespace = request.namespace() != null ? request.namespace() : workerNamespace;
        RegisterTrigger frame = new RegisterTrigger(UUID.randomUUID().toString(), request.type(),
                request.functionId(), config, binder.toTree(request.metadata()), namespace, request.triggerNamespace());
        return registry.addTrigger(frame, request);
    }

    /** A trigger type this worker provides. */
    public ProvidedType triggerType(TriggerTypeDefinition definition, TriggerProvider provider,
            ProvidedType.Firing firing, Consumer<ProvidedType> withdrawn) {
        requireHandler(provider);
        RegisterTriggerType frame = new RegisterTriggerType(definition.id(),
                definition.description() == null ? "" : definition.description(),
                binder.toTree(definition.triggerRequestFormat()), binder.toTree(definition.callRequestFormat()), null);
        return registry.addTriggerType(frame, provider, firing, withdrawn);
    }

    private static HttpInvocationRef wire(HttpInvocation invocation) {
        if (invocation == null) {
            return null;
        }
        HttpInvocation.Auth auth = invocation.auth();
        return new HttpInvocationRef(invocation.url(), invocation.method(),
                invocation.timeout() == null ? null : invocation.timeout().toMillis(), invocation.headers(),
                auth == null ? null : new HttpInvocationRef.HttpAuth(auth.type(), auth.secretEnv(), auth.tokenEnv(),
                        auth.header(), auth.valueEnv()));
    }

    private static void requireHandler(Object handler) {
        if (handler == null) {
            throw new IllegalArgumentException("handler must not be null");
        }
    }
}
