package dev.iii.protocol;

/**
 * {@code unregistertrigger}: from a worker, remove a binding; from the engine, tell a provider to stop
 * delivering for it.
 *
 * @param id          binding id
 * @param triggerType trigger type id, optional (always sent by the engine and by this SDK)
 */
public record UnregisterTrigger(String id, String triggerType) implements Message {
    public UnregisterTrigger {
        Fields.requiredText(id, "id");
    }
}
