package dev.iii.sdk.internal.registry;

import java.util.Optional;

import dev.iii.sdk.InvocationException;
import dev.iii.sdk.trigger.TriggerRegistration;
import dev.iii.sdk.trigger.TriggerRequest;

/** A binding this worker registered; its id stays the same across reconnects. */
final class LocalTrigger implements TriggerRegistration {

    private final String id;
    private final String triggerType;
    private final byte[] frame;
    private final TriggerRequest request;
    private final Registry registry;
    private volatile InvocationException lastError;

    LocalTrigger(String id, String triggerType, byte[] frame, TriggerRequest request, Registry registry) {
        this.id = id;
        this.triggerType = triggerType;
        this.frame = frame;
        this.request = request;
        this.registry = registry;
    }

    @Override
    public String id() {
        return id;
    }

    String triggerType() {
        return triggerType;
    }

    byte[] frame() {
        return frame;
    }

    @Override
    public TriggerRequest request() {
        return request;
    }

    void refused(InvocationException error) {
        lastError = error;
    }

    @Override
    public Optional<InvocationException> lastError() {
        return Optional.ofNullable(lastError);
    }

    @Override
    public void unregister() {
        registry.remove(this);
    }
}
