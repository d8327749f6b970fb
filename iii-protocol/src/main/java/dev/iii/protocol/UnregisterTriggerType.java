package dev.iii.protocol;

/**
 * {@code unregistertriggertype} (worker to engine): this worker stops providing a trigger type. Engines from
 * 0.25 act on it (the type's bindings move to another provider or wait for one, as when a provider disconnects);
 * 0.23 engines drop it as an unknown frame. The Node SDK 0.22.1 sends the whole registration, description
 * included; only {@code id} belongs to the frame.
 *
 * @param id trigger type id
 */
public record UnregisterTriggerType(String id) implements Message {
    public UnregisterTriggerType {
        Fields.requiredText(id, "id");
    }
}
