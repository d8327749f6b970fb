package dev.iii.sdk.docs;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.iii.sdk.InvocationException;
import dev.iii.sdk.Registration;
import dev.iii.sdk.function.FunctionRegistration;
import tools.jackson.databind.JsonNode;

/**
 * The observer API that {@code docs/design/observers.md} proposes, compiled so that the sketch stays valid Java
 * against the SDK's types. Nothing implements it yet; it is not part of the SDK.
 */
@SuppressWarnings("unused")
final class ObserverApiSketch {

    private ObserverApiSketch() {
    }

    // docs:start
    /** What is observed: a function, which of its events, and what of them reaches the target. */
    record ObserveSource(String functionId, String namespace, Object args, Object filters, List<Capture> capture,
            Deliver deliver) {
    }

    enum Capture { INPUT, OUTPUT, CALLER, METADATA }

    /** What the target receives: the whole envelope, or only the source's input or output. */
    enum Deliver { ENVELOPE, INPUT, OUTPUT }

    /** {@code id} is kept across reconnects, as a binding id is; {@code metadata} reaches every activation. */
    record ObserveOptions(String id, Long maxFires, Duration expiresIn, Integer maxInFlight, Object metadata) {
    }

    /** An observer registered through a worker; {@link #unregister()} disposes of it. */
    interface ObserverRegistration extends Registration {

        String id();

        /** Completes once the engine has the observer active; fails with its code (UNSUPPORTED, INVALID_...). */
        CompletableFuture<Void> ready();

        /** The last refusal the engine or the source's owner reported, as TriggerRegistration.lastError(). */
        Optional<InvocationException> lastError();
    }

    /** What IIIWorker gains. */
    interface Observing {

        ObserverRegistration observe(ObserveSource source, String targetFunctionId, ObserveOptions options);
    }
    // docs:end

    // docs:start
    /** An observer of a function this worker hosts, as its owner sees it. */
    record Observer(String id, String sourceFunctionId, JsonNode args, JsonNode filters, String targetFunctionId,
            String namespace, JsonNode metadata) {
    }

    /** The owner's hooks (0.26); every one optional, as TriggerProvider's two callbacks are today. */
    interface ObserverHooks {

        /** Runs before the observer turns active; throw to refuse it. */
        default void observerAdded(Observer observer) throws Exception {
        }

        default void observerRemoved(Observer observer) throws Exception {
        }
    }

    /** A function registered with hooks: an event source, the successor of a trigger type. */
    interface EventSourceRegistration extends FunctionRegistration {

        /** Calls one observer's target with an event and waits for its result, as fire(binding, payload) does. */
        CompletableFuture<JsonNode> deliver(Observer observer, Object event);
    }
    // docs:end
}
