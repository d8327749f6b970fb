package dev.iii.engine;

import dev.iii.protocol.ErrorBody;
import dev.iii.protocol.Message;
import dev.iii.protocol.MessageCodec;
import dev.iii.protocol.RegisterFunction;
import dev.iii.protocol.RegisterService;
import dev.iii.protocol.RegisterTrigger;
import dev.iii.protocol.RegisterTriggerType;
import dev.iii.protocol.RegistrationRejected;
import dev.iii.protocol.TriggerRegistrationResult;
import dev.iii.protocol.UnregisterFunction;
import dev.iii.protocol.UnregisterTrigger;
import dev.iii.protocol.UnregisterTriggerType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection's registration frames ({@code registerfunction}, {@code unregisterfunction},
 * {@code registertriggertype}, {@code unregistertriggertype}, {@code registertrigger}, {@code unregistertrigger},
 * {@code registerservice}).
 * They depend on the connection's namespace, which is known only once its {@code engine::workers::register}
 * call lands, so until then they are buffered and later applied in arrival order (wire specification §4.2).
 */
final class RegistrationFrames {

    private static final Logger log = LoggerFactory.getLogger(RegistrationFrames.class);

    private final EngineCore core;

    RegistrationFrames(EngineCore core) {
        this.core = core;
    }

    static boolean isRegistration(Message message) {
        return message instanceof RegisterFunction || message instanceof UnregisterFunction
                || message instanceof RegisterTriggerType || message instanceof UnregisterTriggerType
                || message instanceof RegisterTrigger || message instanceof UnregisterTrigger
                || message instanceof RegisterService;
    }

    /**
     * Registrations wait until the connection's namespace is known (its metadata call or the grace timer),
     * then apply in arrival order (wire specification §4.2).
     */
    void applyOrBuffer(WorkerConnection worker, Message message) {
        synchronized (core.lock) {
            if (worker.cleanupStarted) {
                return;
            }
            if (worker.namespace == null) {
                worker.bufferedRegistrations.add(message);
                return;
            }
            apply(worker, message);
        }
    }

    void onNamespaceGraceExpired(WorkerConnection worker) {
        if (resolveNamespace(worker, Namespaces.DEFAULT)) {
            log.warn("{}: no engine::workers::register within {} ms; its registrations went to namespace default",
                    worker, core.options.namespaceGrace().toMillis());
        }
    }

    /** Fixes the connection's namespace and applies what was buffered. Returns whether this call fixed it. */
    boolean resolveNamespace(WorkerConnection worker, String namespace) {
        synchronized (core.lock) {
            if (worker.namespace != null || worker.cleanupStarted) {
                return false;
            }
            worker.namespace = namespace;
            if (worker.namespaceGraceTimer != null) {
                worker.namespaceGraceTimer.cancel(false);
            }
            for (Message message : worker.bufferedRegistrations) {
                apply(worker, message);
            }
            worker.bufferedRegistrations.clear();
            return true;
        }
    }

    /** Applies one registration frame. Called with the lock held. */
    private void apply(WorkerConnection worker, Message message) {
        if (message instanceof RegisterFunction m) {
            registerFunction(worker, m);
        }
        else if (message instanceof UnregisterFunction m) {
            FunctionKey key = new FunctionKey(worker.effectiveNamespace(), m.id());
            worker.functionIds.remove(m.id());
            if (core.functions.removeIfOwner(key, worker)) {
                log.info("function {} unregistered from namespace {} by {}", m.id(), key.namespace(), worker);
            }
        }
        else if (message instanceof RegisterTriggerType m && MessageCodec.blankNamespaceMember(m) != null) {
            log.warn("{}: trigger type {} dropped: blank namespace", worker, m.id());
        }
        else if (message instanceof RegisterTriggerType m) {
            String namespace = m.namespace() != null ? m.namespace() : worker.effectiveNamespace();
            core.triggers.registerType(new TriggerTypeEntry(new TypeKey(namespace, m.id()), m.description(),
                    m.triggerRequestFormat(), m.callRequestFormat(), new WorkerTriggerProvider(worker, namespace),
                    worker, null));
        }
        else if (message instanceof UnregisterTriggerType m) {
            core.triggers.unregisterType(worker, m.id());
        }
        else if (message instanceof RegisterTrigger m && MessageCodec.blankNamespaceMember(m) != null) {
            worker.send(new TriggerRegistrationResult(m.id(), m.triggerType(), m.functionId(), new ErrorBody(
                    Namespaces.INVALID_NAMESPACE, Namespaces.blankMessage(MessageCodec.blankNamespaceMember(m)))));
        }
        else if (message instanceof RegisterTrigger m) {
            Binding binding = new Binding(m.id(), m.triggerType(), m.functionId(), m.config(), m.metadata(),
                    Namespaces.orDefault(m.namespace()), m.triggerNamespace(), worker.effectiveNamespace(),
                    worker.id);
            ErrorBody refusal = core.triggers.register(binding);
            if (refusal != null) {
                worker.send(new TriggerRegistrationResult(m.id(), m.triggerType(), m.functionId(), refusal));
            }
        }
        else if (message instanceof UnregisterTrigger m) {
            core.triggers.remove(m.id(), null);
        }
        else if (message instanceof RegisterService m) {
            log.debug("{}: service {} noted (services are not modelled)", worker, m.id());
        }
    }

    private void registerFunction(WorkerConnection worker, RegisterFunction m) {
        String namespace = worker.effectiveNamespace();
        if (m.id().startsWith("engine::") && !Namespaces.DEFAULT.equals(namespace)) {
            worker.send(new RegistrationRejected(RegistrationRejected.FUNCTION_NAMESPACE_CONFLICT, namespace, m.id(),
                    null, ""));
            return;
        }
        RegisteredFunction existing = core.functions.get(namespace, m.id());
        if (existing != null && existing.owner() != null && existing.owner() != worker
                && !existing.owner().cleanupStarted) {
            log.warn("function {} in namespace {} is owned by {}; refused for {}", m.id(), namespace,
                    existing.owner(), worker);
            worker.send(new RegistrationRejected(RegistrationRejected.FUNCTION_NAMESPACE_CONFLICT, namespace, m.id(),
                    null, existing.owner().id.toString()));
            return;
        }
        if (m.invocation() != null) {
            // HTTP-invoked functions need the engine to call out over HTTP; not modelled here (documented).
            log.warn("{}: HTTP-invoked function {} ignored (not supported by the embedded engine)", worker, m.id());
            return;
        }
        core.functions.put(new RegisteredFunction(new FunctionKey(namespace, m.id()), m.description(), m.requestFormat(),
                m.responseFormat(), m.metadata(), worker, null));
        worker.functionIds.add(m.id());
        log.info("function {} registered in namespace {} by {}", m.id(), namespace, worker);
    }
}
