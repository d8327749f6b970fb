package dev.iii.protocol;

/**
 * {@code unregisterfunction} (worker to engine): withdraw a function this connection owns.
 *
 * @param id function id
 */
public record UnregisterFunction(String id) implements Message {
    public UnregisterFunction {
        Fields.requiredText(id, "id");
    }
}
