package dev.iii.sdk.function;

import java.util.Optional;

import dev.iii.sdk.Registration;
import dev.iii.sdk.RegistrationRejectedException;

/** A function registered through a worker. {@link #unregister()} withdraws it from the engine. */
public interface FunctionRegistration extends Registration {

    /** The function id. */
    String id();

    /**
     * Set when the engine refused this function because another live worker owns the id in the namespace
     * ({@code FUNCTION_NAMESPACE_CONFLICT}); cleared when it is registered again on a later connection.
     */
    Optional<RegistrationRejectedException> rejection();
}
