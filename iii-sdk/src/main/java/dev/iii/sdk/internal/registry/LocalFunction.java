package dev.iii.sdk.internal.registry;

import java.time.Duration;
import java.util.Optional;

import dev.iii.protocol.RawJson;
import dev.iii.sdk.RegistrationRejectedException;
import dev.iii.sdk.function.FunctionOptions;
import dev.iii.sdk.function.FunctionRegistration;
import dev.iii.sdk.function.InvocationContext;

/**
 * A function this worker serves, with what the engine was told about it and how to run it.
 */
public final class LocalFunction implements FunctionRegistration {

    /** Runs one invocation: returns the result (a value, {@code null}, an {@code Optional} or a stage). */
    @FunctionalInterface
    public interface Handler {
        Object invoke(RawJson payload, InvocationContext context) throws Exception;
    }

    private final String id;
    private final byte[] frame;
    private final Handler handler;
    private final FunctionOptions options;
    private final Registry registry;
    private volatile RegistrationRejectedException rejection;

    LocalFunction(String id, byte[] frame, Handler handler, FunctionOptions options, Registry registry) {
        this.id = id;
        this.frame = frame;
        this.handler = handler;
        this.options = options;
        this.registry = registry;
    }

    @Override
    public String id() {
        return id;
    }

    public Handler handler() {
        return handler;
    }

    /** How long a handler may run, or {@code null} for the worker's default. */
    public Duration timeout() {
        return options.timeout();
    }

    /** Invocations of this function that may run at once; {@code 0} for no limit of its own. */
    public int maxConcurrency() {
        return options.maxConcurrency();
    }

    /** Whether its handler runs on the thread that reads frames when it can start at once. */
    public boolean nonBlocking() {
        return options.nonBlocking();
    }

    byte[] frame() {
        return frame;
    }

    void rejected(RegistrationRejectedException error) {
        rejection = error;
    }

    void replayed() {
        rejection = null;
    }

    @Override
    public Optional<RegistrationRejectedException> rejection() {
        return Optional.ofNullable(rejection);
    }

    @Override
    public void unregister() {
        registry.remove(this);
    }
}
