package dev.iii.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.iii.protocol.ErrorBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trigger types and bindings, and the rules that connect them (wire specification §6): a binding resolves
 * its provider in its {@code trigger_namespace}, or else in the registrant's namespace and then
 * {@code default}; without a provider it waits pending and activates when one registers; when a provider
 * goes away its bindings move to the next provider found or wait again. Guarded by the engine lock: every
 * method must be called with it held.
 */
final class TriggerRegistry {

    private static final Logger log = LoggerFactory.getLogger(TriggerRegistry.class);

    private final Map<TypeKey, TriggerTypeEntry> types = new LinkedHashMap<>();
    private final Map<String, Binding> bindings = new LinkedHashMap<>();

    TriggerTypeEntry type(TypeKey key) {
        return types.get(key);
    }

    List<TriggerTypeEntry> types() {
        return new ArrayList<>(types.values());
    }

    Binding binding(String id) {
        return bindings.get(id);
    }

    List<Binding> bindings() {
        return new ArrayList<>(bindings.values());
    }

    List<Binding> activeBindings() {
        return bindings.values().stream().filter(b -> b.activeOn != null).toList();
    }

    /**
     * Registers or replaces a trigger type and offers it every binding that now resolves to it (a replaced
     * provider is sent its bindings again).
     */
    void registerType(TriggerTypeEntry entry) {
        TriggerTypeEntry previous = types.put(entry.key(), entry);
        log.info("trigger type {} registered in namespace {} by {}", entry.key().id(), entry.key().namespace(),
                entry.owner() != null ? entry.owner() : "the engine");
        for (Binding binding : bindingsOfType(entry.key().id())) {
            TypeKey target = resolve(binding);
            if (target == null) {
                continue;
            }
            boolean replacedProvider = entry.key().equals(binding.activeOn);
            if (!replacedProvider && Objects.equals(binding.activeOn, target)) {
                continue;
            }
            if (replacedProvider) {
                if (previous != null && previous.owner() != entry.owner()) {
                    previous.provider().deactivate(binding);
                }
            }
            else if (binding.activeOn != null) {
                TriggerTypeEntry old = types.get(binding.activeOn);
                if (old != null) {
                    old.provider().deactivate(binding);
                }
            }
            binding.activeOn = null;
            activate(binding, target);
        }
    }

    /**
     * Stores a binding (replacing one with the same id, whoever registered it) and activates it when a
     * provider exists.
     *
     * @return the in-engine provider's refusal, in which case nothing was stored; else {@code null}
     */
    ErrorBody register(Binding binding) {
        remove(binding.id, null);
        TypeKey target = resolve(binding);
        if (target == null) {
            bindings.put(binding.id, binding);
            log.info("{} pending: no provider for trigger type {} yet", binding, binding.triggerType);
            return null;
        }
        ErrorBody refusal = types.get(target).provider().activate(binding);
        if (refusal != null) {
            log.info("{} refused: {}", binding, refusal.code());
            return refusal;
        }
        binding.activeOn = target;
        bindings.put(binding.id, binding);
        log.info("{} active on provider {}/{}", binding, target.namespace(), target.id());
        return null;
    }

    /**
     * Removes a binding, telling its provider unless the provider is {@code dyingWorker}.
     *
     * @return whether a binding with that id existed
     */
    boolean remove(String id, WorkerConnection dyingWorker) {
        Binding binding = bindings.remove(id);
        if (binding == null) {
            return false;
        }
        if (binding.activeOn != null) {
            TriggerTypeEntry provider = types.get(binding.activeOn);
            if (provider != null && (provider.owner() == null || provider.owner() != dyingWorker)) {
                provider.provider().deactivate(binding);
            }
        }
        log.info("{} removed", binding);
        return true;
    }

    /** Removes without telling the provider, for a binding its provider has just refused. */
    void discard(String id) {
        bindings.remove(id);
    }

    /** A worker provider's refusal: the binding goes back to pending and is offered again later. */
    Binding park(String id, WorkerConnection reportingProvider) {
        Binding binding = bindings.get(id);
        if (binding == null || binding.activeOn == null) {
            return null;
        }
        TriggerTypeEntry provider = types.get(binding.activeOn);
        if (provider == null || provider.owner() != reportingProvider) {
            return null;
        }
        binding.activeOn = null;
        log.info("{} parked: refused by its provider", binding);
        return binding;
    }

    /** Cleanup of a closed connection: its bindings go, then its trigger types, whose bindings move on. */
    void removeWorker(WorkerConnection worker) {
        for (Binding binding : bindings()) {
            if (worker.id.equals(binding.ownerId)) {
                remove(binding.id, worker);
            }
        }
        for (TypeKey key : removeTypes(worker, null)) {
            log.info("trigger type {} in namespace {} removed with its provider", key.id(), key.namespace());
        }
    }

    /**
     * A provider's {@code unregistertriggertype} (engine 0.25): the types of that id it provides go, and their
     * bindings move on as when it disconnects. Types it does not provide are left alone.
     */
    void unregisterType(WorkerConnection worker, String typeId) {
        List<TypeKey> gone = removeTypes(worker, typeId);
        if (gone.isEmpty()) {
            log.debug("{}: unregistertriggertype {} ignored: it provides no such type", worker, typeId);
        }
        for (TypeKey key : gone) {
            log.info("trigger type {} in namespace {} unregistered by {}", key.id(), key.namespace(), worker);
        }
    }

    /**
     * Removes the types {@code owner} provides (only those with {@code typeId}, unless it is {@code null}); each of
     * their bindings is resolved again and activated on the provider found, or waits pending.
     */
    private List<TypeKey> removeTypes(WorkerConnection owner, String typeId) {
        List<TypeKey> gone = new ArrayList<>();
        types.values().removeIf(entry -> {
            if (entry.owner() == owner && (typeId == null || entry.key().id().equals(typeId))) {
                gone.add(entry.key());
                return true;
            }
            return false;
        });
        for (Binding binding : bindings()) {
            if (binding.activeOn != null && gone.contains(binding.activeOn)) {
                binding.activeOn = null;
                TypeKey target = resolve(binding);
                if (target != null) {
                    activate(binding, target);
                }
                else {
                    log.info("{} pending: its provider went away", binding);
                }
            }
        }
        return gone;
    }

    /** The provider a binding resolves to now, or {@code null}. */
    TypeKey resolve(Binding binding) {
        List<String> candidates = new ArrayList<>();
        if (binding.triggerNamespace != null) {
            candidates.add(binding.triggerNamespace);
        }
        else {
            candidates.add(binding.homeNamespace);
            if (!Namespaces.DEFAULT.equals(binding.homeNamespace)) {
                candidates.add(Namespaces.DEFAULT);
            }
        }
        for (String namespace : candidates) {
            TypeKey key = new TypeKey(namespace, binding.triggerType);
            if (types.containsKey(key)) {
                return key;
            }
        }
        return null;
    }

    private void activate(Binding binding, TypeKey target) {
        ErrorBody refusal = types.get(target).provider().activate(binding);
        if (refusal != null) {
            log.info("{} stays pending: provider refused it ({})", binding, refusal.message());
            return;
        }
        binding.activeOn = target;
        log.info("{} active on provider {}/{}", binding, target.namespace(), target.id());
    }

    private List<Binding> bindingsOfType(String typeId) {
        List<Binding> result = new ArrayList<>();
        for (Binding binding : bindings.values()) {
            if (binding.triggerType.equals(typeId)) {
                result.add(binding);
            }
        }
        return result;
    }

    /** Count of active bindings of a type id in any namespace ({@code instance_count}). */
    int instanceCount(String typeId) {
        int count = 0;
        for (Binding binding : bindings.values()) {
            if (binding.activeOn != null && binding.triggerType.equals(typeId)) {
                count++;
            }
        }
        return count;
    }
}
