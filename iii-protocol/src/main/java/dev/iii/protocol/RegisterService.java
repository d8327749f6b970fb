package dev.iii.protocol;

/**
 * {@code registerservice} (worker to engine): legacy grouping of functions for the console. Decoded
 * and encoded for completeness; the SDK does not send it.
 *
 * @param id              service id
 * @param name            display name, optional
 * @param description     optional
 * @param parentServiceId optional
 */
public record RegisterService(String id, String name, String description, String parentServiceId)
        implements Message {
    public RegisterService {
        Fields.requiredText(id, "id");
    }
}
