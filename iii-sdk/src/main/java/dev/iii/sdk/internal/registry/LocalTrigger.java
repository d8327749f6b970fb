package dev.iii.sdk.internal.registry;

import java.util.Optional;

import dev.iii.sdk.InvocationException;
import dev.iii.sdk.RegistrationRejectedException;
import dev.iii.sdk.internal.transport.EngineLink;
import dev.iii.sdk.trigger.TriggerRegistration;
import dev.iii.sdk.trigger.TriggerRequest;

/** A binding this worker registered; its id stays the same across reconnects. */
final class LocalTrigger implements TriggerRegistration {

    private final String id;
    private final String triggerType;
    private final String functionId;
    private final String namespace;
    private final byte[] frame;
    private final TriggerRequest request;
    private final Registry registry;
    private volatile InvocationException lastError;
    /** The link it was sent on, if it was sent on the current one; guarded by the registry's lock. */
    private EngineLink sentOn;

    /** @param namespace the namespace of the function it calls, as sent */
    LocalTrigger(String id, String triggerType, String functionId, String namespace, byte[] frame,
            TriggerRequest request, Registry registry) {
        this.id = id;
        this.triggerType = triggerType;
        this.functionId = functionId;
        this.namespace = namespace;
        this.frame = frame;
        this.request = request;
        this.registry = registry;
    }

    String functionId() {
        return functionId;
    }

    String namespace() {
        return namespace;
    }

    EngineLink sentOn() {
        return sentOn;
    }

    void sentOn(EngineLink link) {
        this.sentOn = link;
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

    /** Whether this binding calls {@code function} (same id, in the namespace the function was refused in). */
    boolean calls(LocalFunction function) {
        if (!functionId().equals(function.id())) {
            return false;
        }
        String refusedIn = function.rejection().map(RegistrationRejectedException::getNamespace).orElse(null);
        return refusedIn == null || namespace() == null || refusedIn.equals(namespace());
    }
}
