package dev.iii.engine;

import dev.iii.protocol.ErrorBody;
import dev.iii.protocol.RegisterTrigger;
import dev.iii.protocol.UnregisterTrigger;

/**
 * A trigger type provided by a worker: bindings are forwarded to it as engine-to-worker
 * {@code registertrigger} frames, and its {@code triggerregistrationresult} answers arrive later.
 */
final class WorkerTriggerProvider implements TriggerProvider {

    private final WorkerConnection worker;
    private final String providerNamespace;

    WorkerTriggerProvider(WorkerConnection worker, String providerNamespace) {
        this.worker = worker;
        this.providerNamespace = providerNamespace;
    }

    @Override
    public ErrorBody activate(Binding binding) {
        // Namespaces travel only when they are not default, as in the real engine's frames.
        worker.send(new RegisterTrigger(binding.id, binding.triggerType, binding.functionId, binding.config,
                binding.metadata, nonDefault(binding.namespace), nonDefault(providerNamespace)));
        return null;
    }

    @Override
    public void deactivate(Binding binding) {
        worker.send(new UnregisterTrigger(binding.id, binding.triggerType));
    }

    private static String nonDefault(String namespace) {
        return namespace == null || Namespaces.DEFAULT.equals(namespace) ? null : namespace;
    }
}
