package dev.iii.sdk.internal.registry;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import dev.iii.sdk.trigger.TriggerBinding;
import dev.iii.sdk.trigger.TriggerProvider;
import dev.iii.sdk.trigger.TriggerTypeRegistration;
import tools.jackson.databind.JsonNode;

/** A trigger type this worker provides: the provider that serves its bindings, and how bindings fire. */
public final class ProvidedType implements TriggerTypeRegistration {

    /** Calls a binding's function as the engine asks fires to be made (its metadata, its namespace). */
    public interface Firing {
        CompletableFuture<JsonNode> fire(TriggerBinding binding, Object payload);

        void fireAndForget(TriggerBinding binding, Object payload);
    }

    private final String id;
    private final byte[] frame;
    private final TriggerProvider provider;
    private final Firing firing;
    private final Registry registry;
    private final Consumer<ProvidedType> withdrawn;
    private volatile boolean isWithdrawn;

    ProvidedType(String id, byte[] frame, TriggerProvider provider, Firing firing, Registry registry,
            Consumer<ProvidedType> withdrawn) {
        this.id = id;
        this.frame = frame;
        this.provider = provider;
        this.firing = firing;
        this.registry = registry;
        this.withdrawn = withdrawn;
    }

    @Override
    public String id() {
        return id;
    }

    public TriggerProvider provider() {
        return provider;
    }

    byte[] frame() {
        return frame;
    }

    /** Whether the worker stopped providing it: offers are refused from then on. */
    public boolean isWithdrawn() {
        return isWithdrawn;
    }

    @Override
    public CompletableFuture<JsonNode> fire(TriggerBinding binding, Object payload) {
        return firing.fire(binding, payload);
    }

    @Override
    public void fireAndForget(TriggerBinding binding, Object payload) {
        firing.fireAndForget(binding, payload);
    }

    @Override
    public void unregister() {
        if (registry.remove(this)) {
            isWithdrawn = true;
            withdrawn.accept(this);
        }
    }
}
