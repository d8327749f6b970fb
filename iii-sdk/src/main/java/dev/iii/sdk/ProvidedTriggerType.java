package dev.iii.sdk;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import dev.iii.protocol.ErrorBody;
import dev.iii.protocol.RegisterTrigger;
import dev.iii.protocol.RegisterTriggerType;
import dev.iii.protocol.TriggerRegistrationResult;
import dev.iii.protocol.UnregisterTrigger;
import dev.iii.sdk.trigger.TriggerBinding;
import dev.iii.sdk.trigger.TriggerProvider;
import dev.iii.sdk.trigger.TriggerTypeRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * A trigger type this worker provides: hands the engine's bindings to its {@link TriggerProvider} on the
 * worker's executor, answers each with a {@code triggerregistrationresult}, and fires bound functions.
 */
final class ProvidedTriggerType implements TriggerTypeRegistration {

    private static final Logger log = LoggerFactory.getLogger(ProvidedTriggerType.class);
    private static final String DEFAULT_NAMESPACE = "default";

    private final RegisterTriggerType frame;
    private final TriggerProvider provider;
    private final IIIWorker worker;
    private final Executor executor;
    private final Consumer<ProvidedTriggerType> onUnregister;
    private final Map<String, TriggerBinding> bindings = new ConcurrentHashMap<>();
    private volatile boolean withdrawn;

    ProvidedTriggerType(RegisterTriggerType frame, TriggerProvider provider, IIIWorker worker, Executor executor,
            Consumer<ProvidedTriggerType> onUnregister) {
        this.frame = frame;
        this.provider = provider;
        this.worker = worker;
        this.executor = executor;
        this.onUnregister = onUnregister;
    }

    RegisterTriggerType frame() {
        return frame;
    }

    boolean isWithdrawn() {
        return withdrawn;
    }

    /** The engine offers a binding: the provider accepts it or throws, and the engine hears which. */
    void offered(EngineConnection connection, RegisterTrigger offer) {
        TriggerBinding binding = new TriggerBinding(offer.id(), offer.triggerType(), offer.functionId(), offer.config(),
                offer.metadata(), offer.namespace(), offer.triggerNamespace());
        runOnExecutor(() -> {
            ErrorBody error = null;
            try {
                provider.registerTrigger(binding);
                bindings.put(binding.id(), binding);
            }
            catch (Throwable ex) {
                Throwable cause = HandlerFailure.unwrap(ex);
                String code = cause instanceof InvocationException invocation ? invocation.getCode()
                        : ErrorCode.TRIGGER_REGISTRATION_FAILED;
                error = new ErrorBody(code, cause.getMessage() != null ? cause.getMessage() : cause.toString());
                log.warn("Provider of {} refused binding {}: {}", offer.triggerType(), offer.id(), error.message());
            }
            connection.send(new TriggerRegistrationResult(offer.id(), offer.triggerType(), offer.functionId(), error));
        });
    }

    /** The engine withdraws a binding: the provider stops delivering for it. No answer is expected. */
    void withdrawn(UnregisterTrigger withdrawal) {
        TriggerBinding binding = bindings.remove(withdrawal.id());
        if (binding == null) {
            return;
        }
        runOnExecutor(() -> {
            try {
                provider.unregisterTrigger(binding);
            }
            catch (Throwable ex) {
                log.warn("Provider of {} failed to stop binding {}: {}", binding.triggerType(), binding.id(), ex.toString());
            }
        });
    }

    private void runOnExecutor(Runnable callback) {
        try {
            executor.execute(callback);
        }
        catch (RejectedExecutionException ex) {
            log.warn("The worker's executor refused a trigger provider callback: {}", ex.toString());
        }
    }

    @Override
    public String id() {
        return frame.id();
    }

    @Override
    public CompletableFuture<JsonNode> fire(TriggerBinding binding, Object payload) {
        return worker.call(binding.functionId(), payload, fireOptions(binding));
    }

    @Override
    public void fireAndForget(TriggerBinding binding, Object payload) {
        worker.callVoid(binding.functionId(), payload, fireOptions(binding));
    }

    /** The binding's namespace, or {@code default}: never the provider's own namespace. */
    private static CallOptions fireOptions(TriggerBinding binding) {
        return CallOptions.defaults().withMetadata(binding.metadata())
                .withNamespace(binding.namespace() != null ? binding.namespace() : DEFAULT_NAMESPACE);
    }

    @Override
    public void unregister() {
        withdrawn = true;
        onUnregister.accept(this);
    }
}
