package dev.iii.sdk.internal.registry;

/**
 * A binding as it went out on a link, for checking it against the engine's lists.
 *
 * @param triggerNamespace where the binding asks for the type's provider, or {@code null} for anywhere
 */
public record SentBinding(String id, String triggerType, String functionId, String triggerNamespace) {
}
