package dev.iii.sdk.internal.providers;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import dev.iii.protocol.ErrorBody;
import dev.iii.protocol.RegisterTrigger;
import dev.iii.protocol.TriggerRegistrationResult;
import dev.iii.protocol.UnregisterTrigger;
import dev.iii.sdk.ErrorCode;
import dev.iii.sdk.InvocationException;
import dev.iii.sdk.internal.registry.ProvidedType;
import dev.iii.sdk.internal.registry.Registry;
import dev.iii.sdk.internal.transport.ConnectionListener;
import dev.iii.sdk.internal.transport.EngineLink;
import dev.iii.sdk.internal.transport.FrameWriter;
import dev.iii.sdk.trigger.TriggerBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bindings the engine hands to the trigger types this worker provides (§6): each offer goes to its
 * provider on the handler executor and is answered once with a {@code triggerregistrationresult}; a withdrawal
 * stops it. Bindings live and die with the link they came on: when it is lost (the engine forgets them with
 * it) or when the application stops providing the type, the provider is told to stop each of them, and the
 * engine offers them again on the next link.
 */
public final class BindingOffers implements ConnectionListener {

    private static final Logger log = LoggerFactory.getLogger(BindingOffers.class);

    private record Held(EngineLink link, ProvidedType type, TriggerBinding binding) {
    }

    private final Registry registry;
    private final Executor executor;
    private final Map<String, Held> held = new ConcurrentHashMap<>();

    public BindingOffers(Registry registry, Executor executor) {
        this.registry = registry;
        this.executor = executor;
    }

    /** The engine offers a binding (on the socket's thread): the provider accepts or refuses it. */
    public void offered(EngineLink link, RegisterTrigger offer) {
        ProvidedType type = registry.providedType(offer.triggerType());
        if (type == null || type.isWithdrawn()) {
            answer(link, offer, new ErrorBody(ErrorCode.TRIGGER_TYPE_NOT_FOUND, "Trigger type not found"));
            return;
        }
        TriggerBinding binding = new TriggerBinding(offer.id(), offer.triggerType(), offer.functionId(),
                offer.config(), offer.metadata(), offer.namespace(), offer.triggerNamespace());
        onExecutor(() -> {
            ErrorBody error = null;
            try {
                type.provider().registerTrigger(binding);
                Held accepted = new Held(link, type, binding);
                held.put(binding.id(), accepted);
                if (!link.isOpen() && held.remove(binding.id(), accepted)) {
                    // The link went away while the provider was deciding: the binding went with it.
                    stop(accepted);
                }
            }
            catch (Throwable ex) {
                Throwable cause = ex instanceof java.util.concurrent.CompletionException && ex.getCause() != null
                        ? ex.getCause() : ex;
                String code = cause instanceof InvocationException invocation ? invocation.getCode()
                        : ErrorCode.TRIGGER_REGISTRATION_FAILED;
                error = new ErrorBody(code, cause.getMessage() != null ? cause.getMessage() : cause.toString());
                log.warn("Provider of {} refused binding {}: {}", offer.triggerType(), offer.id(), error.message());
            }
            answer(link, offer, error);
        });
    }

    /** The engine withdraws a binding: the provider stops delivering for it. No answer is expected. */
    public void withdrawn(UnregisterTrigger withdrawal) {
        Held binding = held.remove(withdrawal.id());
        if (binding == null) {
            log.debug("ignored the withdrawal of binding {}, which no provider of this worker holds", withdrawal.id());
            return;
        }
        stop(binding);
    }

    /** The application stopped providing a type: its bindings stop too. */
    public void typeWithdrawn(ProvidedType type) {
        List<Held> bindings = held.values().stream().filter(binding -> binding.type() == type).toList();
        bindings.forEach(binding -> {
            if (held.remove(binding.binding().id(), binding)) {
                stop(binding);
            }
        });
    }

    @Override
    public void lost(EngineLink link) {
        List<Held> bindings = held.values().stream().filter(binding -> binding.link() == link).toList();
        for (Held binding : bindings) {
            if (held.remove(binding.binding().id(), binding)) {
                stop(binding);
            }
        }
        if (!bindings.isEmpty()) {
            log.debug("stopped {} binding(s) that came on {}", bindings.size(), link);
        }
    }

    private void stop(Held binding) {
        onExecutor(() -> {
            try {
                binding.type().provider().unregisterTrigger(binding.binding());
            }
            catch (Throwable ex) {
                log.warn("Provider of {} failed to stop binding {}: {}", binding.binding().triggerType(),
                        binding.binding().id(), ex.toString());
            }
        });
    }

    private static void answer(EngineLink link, RegisterTrigger offer, ErrorBody error) {
        try {
            link.send(new TriggerRegistrationResult(offer.id(), offer.triggerType(), offer.functionId(), error));
        }
        catch (FrameWriter.QueueFullException ex) {
            log.warn("The answer to binding {} could not be queued ({}); dropping the connection", offer.id(),
                    ex.getMessage());
            link.abort(1011, "send queue full");
        }
    }

    private void onExecutor(Runnable callback) {
        try {
            executor.execute(callback);
        }
        catch (RejectedExecutionException ex) {
            log.warn("The worker's executor refused a trigger provider callback: {}", ex.toString());
        }
    }
}
