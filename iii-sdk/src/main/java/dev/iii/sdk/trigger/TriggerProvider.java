package dev.iii.sdk.trigger;

/**
 * Delivers events for a trigger type this worker provides. The engine hands over every binding of the
 * type, from any worker; the provider starts and stops delivering for each. Callbacks run on the worker's
 * executor, never on the socket's thread.
 */
public interface TriggerProvider {

    /**
     * Start delivering events for a binding. The same binding id may arrive again (after the type is
     * registered anew): treat it as a replacement. Throw to refuse the binding:
     * {@link dev.iii.sdk.InvocationException} chooses the code, anything else is reported as
     * {@code trigger_registration_failed}.
     */
    void registerTrigger(TriggerBinding binding) throws Exception;

    /** Stop delivering events for a binding. */
    void unregisterTrigger(TriggerBinding binding) throws Exception;
}
