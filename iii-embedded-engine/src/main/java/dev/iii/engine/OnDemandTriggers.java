package dev.iii.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import dev.iii.protocol.RawJson;
import tools.jackson.databind.JsonNode;

/**
 * Fires a binding now, for tests: the bound function is called exactly as the trigger type's provider would
 * call it (the binding's namespace and metadata; for {@code http} and {@code cron} the id of their provider
 * worker as the caller, as their own fires carry it; for other types no caller id), whether or not a provider
 * exists.
 */
final class OnDemandTriggers {

    private final EngineCore core;
    private final Map<String, Caller> providers;

    /** @param providers the callers of the engine's own providers, by trigger type */
    OnDemandTriggers(EngineCore core, Map<String, Caller> providers) {
        this.core = core;
        this.providers = providers;
    }

    CompletableFuture<TriggerFireResult> fire(String triggerType, String functionId,
            Function<Binding, JsonNode> payload) {
        Binding binding;
        synchronized (core.lock) {
            List<Binding> bound = core.triggers.bindings().stream()
                    .filter(b -> b.triggerType.equals(triggerType) && b.functionId.equals(functionId)).toList();
            if (bound.size() != 1) {
                throw new IllegalArgumentException(bound.isEmpty()
                        ? "No " + triggerType + " trigger is bound to " + functionId
                        : functionId + " is bound to " + bound.size() + " " + triggerType
                                + " triggers, and firing on demand needs exactly one");
            }
            binding = bound.get(0);
        }
        return core.invocations.invoke(providers.getOrDefault(triggerType, Caller.ENGINE), binding.namespace, binding.functionId,
                RawJson.of(payload.apply(binding)), binding.metadata, null, null, null).thenApply(outcome -> outcome.failed()
                        ? new TriggerFireResult(null, outcome.error().code(), outcome.error().message())
                        : new TriggerFireResult(outcome.result() == null ? null : outcome.result().tree(), null, null));
    }

    /** A tick due now, as the cron provider sends it. */
    static JsonNode cronTick(Binding binding) {
        Instant now = Instant.now();
        return CronTriggerProvider.tick(binding.id, now, now);
    }
}
