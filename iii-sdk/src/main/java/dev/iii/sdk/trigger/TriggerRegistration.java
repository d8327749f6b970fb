package dev.iii.sdk.trigger;

import java.util.Optional;

import dev.iii.sdk.InvocationException;
import dev.iii.sdk.Registration;

/** A binding registered through a worker; its id stays the same across reconnects. */
public interface TriggerRegistration extends Registration {

    /** The binding id (a random UUID). */
    String id();

    /** The request the binding was made from. */
    TriggerRequest request();

    /**
     * The last refusal the engine or the trigger type's provider reported for this binding
     * ({@code triggerregistrationresult} with an error), if any.
     */
    Optional<InvocationException> lastError();
}
