package dev.iii.sdk.internal.discovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import dev.iii.protocol.RawJson;
import dev.iii.sdk.CallOptions;
import dev.iii.sdk.ErrorCode;
import dev.iii.sdk.InvocationException;
import dev.iii.sdk.Registration;
import dev.iii.sdk.discovery.EngineDiscovery;
import dev.iii.sdk.discovery.FunctionInfo;
import dev.iii.sdk.discovery.FunctionsAvailableEvent;
import dev.iii.sdk.discovery.TriggerTypeInfo;
import dev.iii.sdk.discovery.WorkerInfo;
import dev.iii.sdk.discovery.WorkersAvailableEvent;
import dev.iii.sdk.function.FunctionOptions;
import dev.iii.sdk.function.FunctionRegistration;
import dev.iii.sdk.internal.calls.OutboundCalls;
import dev.iii.sdk.internal.registry.Registrations;
import dev.iii.sdk.trigger.TriggerRegistration;
import dev.iii.sdk.trigger.TriggerRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The engine's introspection functions and discovery triggers (§7, §8), on top of calls and registrations:
 * typed lists, and subscriptions that register a hidden function bound to a discovery trigger.
 */
public final class Discovery implements EngineDiscovery {

    /** The engine's own shapes are snake_case, whatever the application's mapper does. */
    private static final JsonMapper ENGINE_SHAPES = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();

    private final OutboundCalls calls;
    private final Registrations registrations;

    public Discovery(OutboundCalls calls, Registrations registrations) {
        this.calls = calls;
        this.registrations = registrations;
    }

    @Override
    public CompletableFuture<List<WorkerInfo>> listWorkers() {
        return list("engine::workers::list", "workers", WorkerInfo.class);
    }

    @Override
    public CompletableFuture<List<FunctionInfo>> listFunctions() {
        return list("engine::functions::list", "functions", FunctionInfo.class);
    }

    @Override
    public CompletableFuture<List<TriggerTypeInfo>> listTriggers() {
        return list("engine::triggers::list", "triggers", TriggerTypeInfo.class);
    }

    @Override
    public Registration onWorkersAvailable(Consumer<WorkersAvailableEvent> listener) {
        return subscribe("engine::workers-available", "workers-available", WorkersAvailableEvent.class, listener);
    }

    @Override
    public Registration onFunctionsAvailable(Consumer<FunctionsAvailableEvent> listener) {
        return subscribe("engine::functions-available", "functions-available", FunctionsAvailableEvent.class,
                listener);
    }

    /** Calls {@code functionId} with {@code {}} and binds each element of the {@code member} array. */
    public <T> CompletableFuture<List<T>> list(String functionId, String member, Class<T> type) {
        return list(functionId, Map.of(), member, type);
    }

    /** Calls {@code functionId} with {@code request} and binds each element of the {@code member} array. */
    public <T> CompletableFuture<List<T>> list(String functionId, Object request, String member, Class<T> type) {
        return calls.request(functionId, request, CallOptions.defaults(), null,
                result -> items(result, functionId, member, type));
    }

    private static <T> List<T> items(RawJson result, String functionId, String member, Class<T> type) {
        JsonNode items = result == null ? null : result.tree().get(member);
        if (items == null || !items.isArray()) {
            throw new InvocationException(ErrorCode.INVALID_RESPONSE,
                    functionId + " answered without a '" + member + "' array", functionId, null, null);
        }
        List<T> list = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            list.add(convert(item, type, functionId));
        }
        return List.copyOf(list);
    }

    /** Registers a hidden function that hands each event to {@code listener}, and binds it to the trigger. */
    public <E> Registration subscribe(String triggerType, String suffix, Class<E> eventType, Consumer<E> listener) {
        if (listener == null) {
            throw new IllegalArgumentException("listener must not be null");
        }
        String functionId = "iii-java::" + UUID.randomUUID() + "::" + suffix;
        FunctionRegistration function = registrations.function(functionId,
                FunctionOptions.builder().description("Subscription to " + triggerType)
                        .metadata(Map.of("internal", true)).build(),
                (payload, context) -> {
                    listener.accept(convert(payload, eventType, triggerType));
                    return null;
                });
        TriggerRegistration trigger = registrations.trigger(TriggerRequest.of(triggerType, functionId, Map.of()));
        return () -> {
            trigger.unregister();
            function.unregister();
        };
    }

    private static <T> T convert(JsonNode node, Class<T> type, String functionId) {
        try {
            return ENGINE_SHAPES.treeToValue(node, type);
        }
        catch (JacksonException ex) {
            throw new InvocationException(ErrorCode.INVALID_RESPONSE, "unexpected " + type.getSimpleName()
                    + " shape: " + ex.getOriginalMessage(), functionId, null, ex);
        }
    }
}
