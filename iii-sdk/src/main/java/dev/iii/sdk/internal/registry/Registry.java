package dev.iii.sdk.internal.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import dev.iii.protocol.Message;
import dev.iii.protocol.MessageCodec;
import dev.iii.protocol.RegisterFunction;
import dev.iii.protocol.RegisterTrigger;
import dev.iii.protocol.RegisterTriggerType;
import dev.iii.protocol.RegistrationRejected;
import dev.iii.protocol.TriggerRegistrationResult;
import dev.iii.protocol.UnregisterFunction;
import dev.iii.protocol.UnregisterTrigger;
import dev.iii.protocol.UnregisterTriggerType;
import dev.iii.sdk.InvocationException;
import dev.iii.sdk.RegistrationProblem;
import dev.iii.sdk.RegistrationRejectedException;
import dev.iii.sdk.function.FunctionOptions;
import dev.iii.sdk.function.FunctionRegistration;
import dev.iii.sdk.trigger.TriggerProvider;
import dev.iii.sdk.trigger.TriggerRegistration;
import dev.iii.sdk.trigger.TriggerRequest;
import dev.iii.sdk.internal.transport.ConnectionListener;
import dev.iii.sdk.internal.transport.EngineLink;
import dev.iii.sdk.internal.transport.FrameWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything this worker registers: functions, bindings and trigger types, with their handles. It keeps them
 * for every (re)connect and sends them exactly once per link: types and functions when a link's handshake
 * starts ({@link #attached}), bindings once the engine applied those ({@link #functionsApplied}), and each
 * change while a link is attached, never queued while there is none (§4.2, §4.3). A binding of a function the
 * engine refused is kept back (withdrawn if it went out already): another worker owns that function, and the
 * binding would fire it. Registration frames are encoded once, when registered. Changes and replays take one
 * lock, which is never held across I/O (sending only queues).
 */
public final class Registry implements ConnectionListener {

    private static final Logger log = LoggerFactory.getLogger(Registry.class);

    private final MessageCodec codec = new MessageCodec();
    private final Object lock = new Object();
    private final Map<String, LocalFunction> functions = new LinkedHashMap<>();
    private final Map<String, LocalTrigger> triggers = new LinkedHashMap<>();
    private final Map<String, ProvidedType> triggerTypes = new LinkedHashMap<>();
    /** Read on every invocation, without the lock. */
    private final Map<String, LocalFunction> serving = new ConcurrentHashMap<>();
    private final Map<String, ProvidedType> providing = new ConcurrentHashMap<>();
    private EngineLink attached;
    /** Whether bindings may go on the attached link: the engine applied its functions. */
    private boolean bindingsOpen;
    private boolean closed;
    private Runnable problemsChanged = () -> { };

    // ---------------------------------------------------------------- registering

    /**
     * @throws IllegalArgumentException when this worker already registered the id
     * @throws IllegalStateException    after shutdown began
     */
    public FunctionRegistration addFunction(RegisterFunction frame, LocalFunction.Handler handler,
            FunctionOptions options) {
        LocalFunction function = new LocalFunction(frame.id(), codec.encode(frame), handler, options, this);
        synchronized (lock) {
            requireOpen();
            if (functions.containsKey(frame.id())) {
                throw new IllegalArgumentException("function " + frame.id() + " is already registered by this worker");
            }
            functions.put(frame.id(), function);
            serving.put(frame.id(), function);
            sendIfAttached(function.frame());
        }
        log.debug("registered function {}", frame.id());
        return function;
    }

    public TriggerRegistration addTrigger(RegisterTrigger frame, TriggerRequest request) {
        LocalTrigger trigger = new LocalTrigger(frame.id(), frame.triggerType(), frame.functionId(), frame.namespace(),
                codec.encode(frame), request, this);
        synchronized (lock) {
            requireOpen();
            triggers.put(frame.id(), trigger);
            if (bindingsOpen) {
                bind(trigger);
            }
        }
        log.debug("registered {} trigger {} for {}", frame.triggerType(), frame.id(), frame.functionId());
        return trigger;
    }

    /**
     * @param withdrawn told when the application stops providing the type
     * @throws IllegalArgumentException when this worker already provides the type
     */
    public ProvidedType addTriggerType(RegisterTriggerType frame, TriggerProvider provider, ProvidedType.Firing firing,
            Consumer<ProvidedType> withdrawn) {
        ProvidedType type = new ProvidedType(frame.id(), codec.encode(frame), provider, firing, this, withdrawn);
        synchronized (lock) {
            requireOpen();
            if (triggerTypes.containsKey(frame.id())) {
                throw new IllegalArgumentException("trigger type " + frame.id() + " is already provided by this worker");
            }
            triggerTypes.put(frame.id(), type);
            providing.put(frame.id(), type);
            sendIfAttached(type.frame());
        }
        log.debug("registered trigger type {}", frame.id());
        return type;
    }

    void remove(LocalFunction function) {
        synchronized (lock) {
            if (functions.remove(function.id(), function)) {
                serving.remove(function.id(), function);
                if (!closed) {
                    sendIfAttached(new UnregisterFunction(function.id()));
                }
            }
        }
    }

    void remove(LocalTrigger trigger) {
        synchronized (lock) {
            if (triggers.remove(trigger.id(), trigger) && !closed) {
                unbind(trigger);
            }
        }
        problemsChanged.run();
    }

    /**
     * Withdraws the type with {@code unregistertriggertype}: engines from 0.25 drop it and move its bindings to
     * another provider; 0.23 engines ignore the message, and the type stays announced until the link closes.
     */
    boolean remove(ProvidedType type) {
        synchronized (lock) {
            providing.remove(type.id(), type);
            boolean removed = triggerTypes.remove(type.id(), type);
            if (removed && !closed) {
                sendIfAttached(new UnregisterTriggerType(type.id()));
            }
            return removed;
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the worker is shut down");
        }
    }

    // ---------------------------------------------------------------- lookups

    /** The function to serve for an invocation, or {@code null}. */
    public LocalFunction function(String id) {
        return serving.get(id);
    }

    /** The trigger type this worker provides under that id, or {@code null}. */
    public ProvidedType providedType(String id) {
        return providing.get(id);
    }

    public List<String> functionIds() {
        synchronized (lock) {
            return List.copyOf(functions.keySet());
        }
    }

    public List<TriggerRegistration> triggers() {
        synchronized (lock) {
            return List.copyOf(triggers.values());
        }
    }

    // ---------------------------------------------------------------- the engine's answers

    /**
     * A {@code registrationrejected} that is not the fatal worker-name conflict; never fatal here. A refused
     * function's bindings are withdrawn and kept back until it is registered again on a later connection.
     */
    public void rejected(RegistrationRejected rejected) {
        RegistrationRejectedException error = new RegistrationRejectedException(rejected.code(), rejected.namespace(),
                rejected.functionId(), rejected.workerName(), rejected.ownerWorkerId());
        LocalFunction function = rejected.functionId() == null ? null : function(rejected.functionId());
        int keptBack = 0;
        if (function != null) {
            synchronized (lock) {
                function.rejected(error);
                for (LocalTrigger trigger : triggers.values()) {
                    if (trigger.calls(function)) {
                        unbind(trigger);
                        keptBack++;
                    }
                }
            }
        }
        log.warn("{}; {}the worker goes on without it", error.getMessage(),
                keptBack == 0 ? "" : keptBack + " trigger(s) bound to it are kept back; ");
        problemsChanged.run();
    }

    /** The engine or the type's provider refused one of this worker's bindings. */
    public void triggerResult(TriggerRegistrationResult result) {
        if (result.error() == null) {
            return;
        }
        LocalTrigger trigger;
        synchronized (lock) {
            trigger = triggers.get(result.id());
        }
        if (trigger != null) {
            trigger.refused(new InvocationException(result.error().code(), result.error().message(),
                    result.functionId(), null, null));
        }
        log.warn("The engine refused {} trigger {} for {}: {} {}", result.triggerType(), result.id(),
                result.functionId(), result.error().code(), result.error().message());
        problemsChanged.run();
    }

    // ---------------------------------------------------------------- problems

    /** Told whenever what {@link #problems()} returns may have changed; called without the lock. */
    public void onProblemsChanged(Runnable listener) {
        this.problemsChanged = listener;
    }

    /** Refused functions, bindings kept back for them, and bindings the engine or a provider refused. */
    public List<RegistrationProblem> problems() {
        List<RegistrationProblem> problems = new ArrayList<>();
        synchronized (lock) {
            for (LocalFunction function : functions.values()) {
                function.rejection().ifPresent(refusal -> problems.add(new RegistrationProblem(
                        RegistrationProblem.Kind.FUNCTION_REFUSED, function.id(), null, null, refusal.getMessage())));
            }
            for (LocalTrigger trigger : triggers.values()) {
                LocalFunction function = functions.get(trigger.functionId());
                if (function != null && function.rejection().isPresent() && trigger.calls(function)) {
                    problems.add(new RegistrationProblem(RegistrationProblem.Kind.BINDING_NOT_BOUND,
                            trigger.functionId(), trigger.id(), trigger.triggerType(), "its function "
                                    + trigger.functionId() + " is refused by the engine: another worker owns it"));
                }
                else {
                    trigger.lastError().ifPresent(error -> problems.add(new RegistrationProblem(
                            RegistrationProblem.Kind.BINDING_REFUSED, trigger.functionId(), trigger.id(),
                            trigger.triggerType(), error.getCode() + " " + error.getMessage())));
                }
            }
        }
        return problems;
    }

    /** The ids of the functions to look for on the engine: all but those it refused. */
    public List<String> functionsToCheck() {
        synchronized (lock) {
            return functions.values().stream().filter(function -> function.rejection().isEmpty())
                    .map(LocalFunction::id).toList();
        }
    }

    /** The bindings sent on {@code link}, the current one. */
    public List<SentBinding> bindingsSentOn(EngineLink link) {
        synchronized (lock) {
            return triggers.values().stream().filter(trigger -> link != null && trigger.sentOn() == link)
                    .map(trigger -> new SentBinding(trigger.id(), trigger.triggerType(), trigger.functionId(),
                            trigger.request().triggerNamespace()))
                    .toList();
        }
    }

    // ---------------------------------------------------------------- links

    /** Sends everything on the link whose handshake starts, in the reference order: types, functions, bindings. */
    @Override
    public void attached(EngineLink link) {
        int sent;
        synchronized (lock) {
            if (closed) {
                return;
            }
            attached = link;
            bindingsOpen = false;
            List<byte[]> replay = new ArrayList<>(triggerTypes.size() + functions.size());
            triggerTypes.values().forEach(type -> replay.add(type.frame()));
            for (LocalFunction function : functions.values()) {
                function.replayed();
                replay.add(function.frame());
            }
            triggers.values().forEach(trigger -> trigger.sentOn(null));
            replay.forEach(this::sendIfAttached);
            sent = replay.size();
        }
        log.debug("replayed {} type(s) and function(s) on {}", sent, link);
    }

    /** The engine applied the link's functions and named those it refused: the bindings of the others go now. */
    @Override
    public void functionsApplied(EngineLink link) {
        int sent = 0;
        synchronized (lock) {
            if (closed || attached != link) {
                return;
            }
            bindingsOpen = true;
            for (LocalTrigger trigger : triggers.values()) {
                trigger.refused(null);
                if (bind(trigger)) {
                    sent++;
                }
            }
        }
        log.debug("replayed {} binding(s) on {}", sent, link);
        problemsChanged.run();
    }

    /** Under the lock: sends the binding unless its function is refused; whether it went out. */
    private boolean bind(LocalTrigger trigger) {
        LocalFunction function = functions.get(trigger.functionId());
        if (function != null && function.rejection().isPresent() && trigger.calls(function)) {
            return false;
        }
        trigger.sentOn(attached);
        sendIfAttached(trigger.frame());
        return true;
    }

    /** Under the lock: withdraws the binding from the engine if it went out on the attached link. */
    private void unbind(LocalTrigger trigger) {
        if (attached != null && trigger.sentOn() == attached) {
            sendIfAttached(new UnregisterTrigger(trigger.id(), trigger.triggerType()));
        }
        trigger.sentOn(null);
    }

    @Override
    public void lost(EngineLink link) {
        synchronized (lock) {
            if (attached == link) {
                attached = null;
                bindingsOpen = false;
            }
        }
    }

    /** Refuses new registrations from now on (shutdown has begun). */
    public void close() {
        synchronized (lock) {
            closed = true;
        }
    }

    /** Withdraws every binding and function from the engine (shutdown, after the drain). */
    public void withdrawAll() {
        synchronized (lock) {
            triggers.values().forEach(this::unbind);
            functions.keySet().forEach(id -> sendIfAttached(new UnregisterFunction(id)));
        }
    }

    /** Under the lock. */
    private void sendIfAttached(Message message) {
        if (attached != null) {
            sendIfAttached(codec.encode(message));
        }
    }

    /** Under the lock; a link that cannot take registrations any more is dropped, so that they are replayed. */
    private void sendIfAttached(byte[] frame) {
        EngineLink link = attached;
        if (link == null) {
            return;
        }
        try {
            link.send(frame);
        }
        catch (FrameWriter.QueueFullException ex) {
            log.warn("Registrations could not be queued on {} ({}); dropping it to register again on a new one",
                    link, ex.getMessage());
            attached = null;
            bindingsOpen = false;
            link.abort(1011, "send queue full");
        }
    }
}
