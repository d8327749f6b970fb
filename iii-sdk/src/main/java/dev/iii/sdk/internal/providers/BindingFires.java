package dev.iii.sdk.internal.providers;

import java.util.concurrent.CompletableFuture;

import dev.iii.sdk.CallOptions;
import dev.iii.sdk.internal.calls.OutboundCalls;
import dev.iii.sdk.internal.registry.ProvidedType;
import dev.iii.sdk.trigger.TriggerBinding;
import tools.jackson.databind.JsonNode;

/**
 * Fires a binding as §6 says: an ordinary call to its function, with its metadata, in its namespace or
 * {@code default}, never in the provider's own namespace.
 */
public final class BindingFires implements ProvidedType.Firing {

    private final OutboundCalls calls;

    public BindingFires(OutboundCalls calls) {
        this.calls = calls;
    }

    @Override
    public CompletableFuture<JsonNode> fire(TriggerBinding binding, Object payload) {
        return calls.request(binding.functionId(), payload, options(binding), null,
                result -> result == null ? null : result.tree());
    }

    @Override
    public void fireAndForget(TriggerBinding binding, Object payload) {
        calls.fireAndForget(binding.functionId(), payload, options(binding));
    }

    private static CallOptions options(TriggerBinding binding) {
        return CallOptions.defaults().withMetadata(binding.metadata())
                .withNamespace(binding.namespace() != null ? binding.namespace() : "default");
    }
}
