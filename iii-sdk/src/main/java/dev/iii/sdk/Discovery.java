package dev.iii.sdk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import dev.iii.sdk.function.FunctionOptions;
import dev.iii.sdk.function.FunctionRegistration;
import dev.iii.sdk.trigger.TriggerRegistration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The engine's introspection functions and discovery triggers, on top of a worker's calls and
 * registrations: typed lists, and subscriptions that register a hidden function bound to a discovery trigger.
 */
final class Discovery {

    /** The engine's own shapes are snake_case. */
    private static final JsonMapper ENGINE_SHAPES = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();

    private final IIIWorker worker;

    Discovery(IIIWorker worker) {
        this.worker = worker;
    }

    /** Calls {@code functionId} with {@code {}} and binds each element of the {@code member} array. */
    <T> CompletableFuture<List<T>> list(String functionId, String member, Class<T> type) {
        return worker.call(functionId, JsonNodeFactory.instance.objectNode()).thenApply(result -> {
            JsonNode items = result == null ? null : result.get(member);
            if (items == null || !items.isArray()) {
                throw new InvocationException(ErrorCode.INVALID_RESPONSE,
                        functionId + " answered without a '" + member + "' array", functionId, null, null);
            }
            List<T> list = new ArrayList<>(items.size());
            for (JsonNode item : items) {
                list.add(convert(item, type, functionId));
            }
            return List.copyOf(list);
        });
    }

    <E> Registration subscribe(String triggerType, String suffix, Class<E> eventType, Consumer<E> listener) {
        if (listener == null) {
            throw new IllegalArgumentException("listener must not be null");
        }
        String functionId = "iii-java::" + UUID.randomUUID() + "::" + suffix;
        FunctionRegistration function = worker.registerFunction(functionId,
                FunctionOptions.builder().description("Subscription to " + triggerType)
                        .metadata(Map.of("internal", true)).build(),
                (payload, context) -> {
                    listener.accept(convert(payload, eventType, triggerType));
                    return null;
                });
        TriggerRegistration trigger = worker.registerTrigger(triggerType, functionId, Map.of(), null);
        return () -> {
            trigger.unregister();
            function.unregister();
        };
    }

    private <T> T convert(JsonNode node, Class<T> type, String functionId) {
        try {
            return ENGINE_SHAPES.treeToValue(node, type);
        }
        catch (JacksonException ex) {
            throw new InvocationException(ErrorCode.INVALID_RESPONSE, "unexpected " + type.getSimpleName()
                    + " shape: " + ex.getOriginalMessage(), functionId, null, ex);
        }
    }
}
