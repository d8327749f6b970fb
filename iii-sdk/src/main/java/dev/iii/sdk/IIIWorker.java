package dev.iii.sdk;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.iii.protocol.RawJson;
import dev.iii.sdk.channel.WorkerChannels;
import dev.iii.sdk.discovery.EngineDiscovery;
import dev.iii.sdk.function.FunctionHandler;
import dev.iii.sdk.function.FunctionOptions;
import dev.iii.sdk.function.FunctionRegistration;
import dev.iii.sdk.function.TypedFunctionHandler;
import dev.iii.sdk.internal.session.WorkerMetadata;
import dev.iii.sdk.internal.wiring.WorkerParts;
import dev.iii.sdk.trigger.TriggerProvider;
import dev.iii.sdk.trigger.TriggerRegistration;
import dev.iii.sdk.trigger.TriggerRequest;
import dev.iii.sdk.trigger.TriggerTypeDefinition;
import dev.iii.sdk.trigger.TriggerTypeRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;

/**
 * An iii worker: one connection to the engine through which it registers functions, triggers and trigger
 * types, serves invocations and calls other functions, and the data channels it streams bytes and messages
 * through.
 * <p>
 * Create one with {@link III#registerWorker} (connects at once) or {@link #create} (connects on
 * {@link #start()}). Registrations may be made before or after the connection is up: the worker keeps them
 * and replays them on every (re)connect. Calls made while disconnected wait for the connection, within their
 * timeout. Handlers run on the worker's executor, never on the socket's thread. {@link #shutdown(Duration)}
 * lets in-flight invocations finish, withdraws the registrations and closes the connection.
 * <p>
 * Thread-safe. This class is the API; the work is done by the parts in {@code dev.iii.sdk.internal}, described
 * in {@code docs/architecture.md}.
 */
public final class IIIWorker implements AutoCloseable {

    /** The runtime this SDK reports to the engine. */
    public static final String RUNTIME = "java";

    /** The version of this SDK. */
    public static final String SDK_VERSION = WorkerMetadata.SDK_VERSION;

    private static final Logger log = LoggerFactory.getLogger(IIIWorker.class);
    private static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);

    private final WorkerOptions options;
    private final WorkerParts parts;

    private IIIWorker(WorkerOptions options) {
        this.options = options;
        this.parts = new WorkerParts(options, RUNTIME);
    }

    /** A worker that connects when {@link #start()} is called. */
    public static IIIWorker create(WorkerOptions options) {
        return new IIIWorker(options);
    }

    /**
     * Starts connecting in the background and returns at once; the worker then stays connected, reconnecting
     * as its policy says, until {@link #shutdown(Duration)}. Calling it again does nothing.
     *
     * @return this worker
     * @throws IllegalStateException after shutdown
     */
    public IIIWorker start() {
        if (parts.shutdown.begun()) {
            throw new IllegalStateException("the worker is shut down");
        }
        log.info("Starting iii worker '{}' for {}", options.name(), options.safeUrl());
        parts.session.start();
        return this;
    }

    // ---------------------------------------------------------------- state

    /** The options the worker runs with, defaults resolved. */
    public WorkerOptions options() {
        return options;
    }

    public ConnectionState connectionState() {
        return parts.session.state();
    }

    /**
     * Adds a listener; it is told the current state at once, then every change.
     *
     * @return removes the listener
     */
    public Registration addConnectionStateListener(ConnectionStateListener listener) {
        Runnable remove = parts.session.addStateListener(listener);
        return remove::run;
    }

    /**
     * Waits until the worker is connected.
     *
     * @return {@code true} when connected, {@code false} when the time ran out or the worker failed
     */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        return parts.session.awaitConnected(timeout);
    }

    /** The engine's id for the current connection; empty while disconnected. */
    public Optional<String> workerId() {
        return parts.session.workerId();
    }

    /**
     * The protocol features the engine offered on the current connection (engines 0.25 and later send them);
     * {@link EngineFeatures#NONE} from older engines and while disconnected.
     */
    public EngineFeatures engineFeatures() {
        return parts.session.engineFeatures();
    }

    /**
     * What this worker registered that is not in effect on the engine: functions the engine refused or does not
     * list, bindings refused, kept back (their function is refused) or waiting for a provider. Empty while all is
     * well; checked against the engine after every connection.
     */
    public List<RegistrationProblem> registrationProblems() {
        return parts.problems.current();
    }

    /** Checks the registrations against the engine's lists now; completes with {@link #registrationProblems()}. */
    public CompletableFuture<List<RegistrationProblem>> checkRegistrations() {
        return parts.check.run();
    }

    /**
     * Tells {@code listener} the registration problems each time they change, on a thread of the SDK's own
     * (keep it quick).
     */
    public Registration onRegistrationProblems(Consumer<List<RegistrationProblem>> listener) {
        Runnable remove = parts.problems.addListener(listener);
        return remove::run;
    }

    /** Why the worker failed for good, if the engine refused its name ({@code WORKER_NAMESPACE_CONFLICT}). */
    public Optional<RegistrationRejectedException> fatalError() {
        return parts.session.lastError().filter(RegistrationRejectedException.class::isInstance)
                .map(RegistrationRejectedException.class::cast);
    }

    /** The last connection failure (credentials removed from its message); cleared on a successful connection. */
    public Optional<Throwable> lastError() {
        return parts.session.lastError();
    }

    /** Whether {@link #shutdown(Duration)} has begun: new invocations are refused from then on. */
    public boolean isShuttingDown() {
        return parts.server.isDraining();
    }

    /** What the worker is doing right now: invocations, calls, the send queue, reconnects; read live. */
    public WorkerStatistics statistics() {
        return parts.statistics;
    }

    /** Ids of the functions registered through this worker, in registration order. */
    public List<String> functionIds() {
        return parts.registry.functionIds();
    }

    /** The bindings registered through this worker, in registration order. */
    public List<TriggerRegistration> triggers() {
        return parts.registry.triggers();
    }

    // ---------------------------------------------------------------- functions and triggers

    /** Registers a function without description or schema. */
    public FunctionRegistration registerFunction(String id, FunctionHandler handler) {
        return registerFunction(id, FunctionOptions.none(), handler);
    }

    /**
     * Registers a function served by a handler that takes the payload as a JSON tree.
     *
     * @throws IllegalArgumentException for a blank id, or one already registered through this worker
     */
    public FunctionRegistration registerFunction(String id, FunctionOptions functionOptions, FunctionHandler handler) {
        return parts.registrations.function(id, functionOptions, handler);
    }

    /** Registers a function whose payload is bound to {@code payloadType}. */
    public <T> FunctionRegistration registerFunction(String id, FunctionOptions functionOptions, Class<T> payloadType,
            TypedFunctionHandler<T> handler) {
        return parts.registrations.typedFunction(id, functionOptions, payloadType, handler);
    }

    /** Registers a function whose payload is bound to a generic type, e.g. {@code List<Order>}. */
    public <T> FunctionRegistration registerFunction(String id, FunctionOptions functionOptions,
            TypeReference<T> payloadType, TypedFunctionHandler<T> handler) {
        return parts.registrations.typedFunction(id, functionOptions, payloadType.getType(), handler);
    }

    /**
     * Registers a function whose payload is bound to any reflective {@link Type}; for frameworks that know
     * the parameter type of a method.
     */
    public <T> FunctionRegistration registerFunction(String id, FunctionOptions functionOptions, Type payloadType,
            TypedFunctionHandler<T> handler) {
        return parts.registrations.typedFunction(id, functionOptions, payloadType, handler);
    }

    /** Registers a function the engine calls over HTTP ({@code options.httpInvocation()} is required). */
    public FunctionRegistration registerHttpFunction(String id, FunctionOptions functionOptions) {
        return parts.registrations.httpFunction(id, functionOptions);
    }

    /** Binds a function to a trigger type; see {@link #registerTrigger(TriggerRequest)}. */
    public TriggerRegistration registerTrigger(String type, String functionId, Object config, Object metadata) {
        return registerTrigger(TriggerRequest.of(type, functionId, config).withMetadata(metadata));
    }

    /** Binds a function to a trigger type, with namespaces. */
    public TriggerRegistration registerTrigger(TriggerRequest request) {
        return parts.registrations.trigger(request);
    }

    /**
     * Makes this worker the provider of a trigger type: the engine hands it every binding of the type.
     *
     * @throws IllegalArgumentException when this worker already provides the type
     */
    public TriggerTypeRegistration registerTriggerType(TriggerTypeDefinition definition, TriggerProvider provider) {
        return parts.registrations.triggerType(definition, provider, parts.fires, parts.offers::typeWithdrawn);
    }

    // ---------------------------------------------------------------- calls

    /** Calls a function and waits for its result, as a JSON tree ({@code null} for no value). */
    public CompletableFuture<JsonNode> call(String functionId, Object payload) {
        return call(functionId, payload, CallOptions.defaults());
    }

    /**
     * Calls a function with per-call options. The future fails with {@link InvocationException}: the remote
     * error, or a client-side code such as {@link ErrorCode#TIMEOUT}; cancelling it gives the call up.
     */
    public CompletableFuture<JsonNode> call(String functionId, Object payload, CallOptions callOptions) {
        return request(functionId, payload, callOptions, result -> result == null ? null : result.tree());
    }

    /** Calls a function and binds its result to {@code resultType}. */
    public <R> CompletableFuture<R> call(String functionId, Object payload, Class<R> resultType) {
        return call(functionId, payload, resultType, CallOptions.defaults());
    }

    /** Calls a function with per-call options and binds its result to {@code resultType}. */
    public <R> CompletableFuture<R> call(String functionId, Object payload, Class<R> resultType,
            CallOptions callOptions) {
        return call(functionId, payload, (Type) resultType, callOptions);
    }

    /** Calls a function and binds its result to a generic type. */
    public <R> CompletableFuture<R> call(String functionId, Object payload, TypeReference<R> resultType,
            CallOptions callOptions) {
        return call(functionId, payload, resultType.getType(), callOptions);
    }

    /** Calls a function and binds its result to any reflective {@link Type}. */
    public <R> CompletableFuture<R> call(String functionId, Object payload, Type resultType, CallOptions callOptions) {
        ObjectReader reader = parts.binder.reader(resultType);
        return request(functionId, payload, callOptions, result -> bind(result, reader, functionId));
    }

    private <R> CompletableFuture<R> request(String functionId, Object payload, CallOptions callOptions,
            Function<RawJson, R> mapper) {
        return callOptions != null && callOptions.retryUntilAvailable()
                ? parts.retry.request(functionId, payload, callOptions, mapper)
                : parts.calls.request(functionId, payload, callOptions, null, mapper);
    }

    /**
     * Completes once {@code functionId} is registered with the engine in this worker's namespace, as after its
     * owner (re)connects; fails with {@link ErrorCode#TIMEOUT} after {@code timeout}. Built on
     * {@code engine::functions-available}: a hidden subscription is registered while someone waits.
     */
    public CompletableFuture<Void> awaitFunction(String functionId, Duration timeout) {
        return awaitFunction(functionId, null, timeout);
    }

    /** {@link #awaitFunction(String, Duration)} in another namespace ({@code null} for this worker's). */
    public CompletableFuture<Void> awaitFunction(String functionId, String namespace, Duration timeout) {
        return parts.availability.await(functionId, namespace, timeout);
    }

    private <R> R bind(RawJson result, ObjectReader reader, String functionId) {
        return result == null ? null : parts.binder.bindResult(result, reader, functionId, parts.channels);
    }

    /**
     * Fire and forget: the engine runs the function and sends nothing back. Returns at once; while
     * disconnected the call waits for the connection within the worker's invocation timeout.
     *
     * @throws InvocationException when the call is refused at once (a blank id, a payload that cannot be
     *                             written, a full queue, a worker that is shut down)
     */
    public void callVoid(String functionId, Object payload) {
        callVoid(functionId, payload, CallOptions.defaults());
    }

    /** Fire and forget, with per-call options. */
    public void callVoid(String functionId, Object payload, CallOptions callOptions) {
        parts.calls.fireAndForget(functionId, payload, callOptions);
    }

    /**
     * Hands a call to a named queue of the engine; the function runs later and its output is not returned.
     *
     * @return the engine's receipt; fails with {@link ErrorCode#ENQUEUE_ERROR} when the queue cannot take it
     */
    public CompletableFuture<EnqueueReceipt> enqueue(String queue, String functionId, Object payload) {
        return enqueue(queue, functionId, payload, CallOptions.defaults());
    }

    /** Enqueues a call with per-call options. */
    public CompletableFuture<EnqueueReceipt> enqueue(String queue, String functionId, Object payload,
            CallOptions callOptions) {
        return parts.calls.request(functionId, payload, callOptions, queue == null ? "" : queue,
                result -> EnqueueReceipt.from(result == null ? null : result.tree(), functionId));
    }

    // ---------------------------------------------------------------- channels and discovery

    /** The worker's data channels: {@code channels().create()}, and ends for the refs it receives. */
    public WorkerChannels channels() {
        return parts.channels;
    }

    /** The engine's lists of workers, functions and trigger types, and subscriptions to their changes. */
    public EngineDiscovery discovery() {
        return parts.discovery;
    }

    // ---------------------------------------------------------------- shutdown

    /**
     * Leaves the engine cleanly: refuses new invocations ({@code invocation_stopped}), lets those in flight
     * finish within {@code grace} (those that do not are stopped and their callers answered
     * {@code invocation_stopped}), withdraws every registration, closes the connection and fails calls still
     * waiting with {@link ErrorCode#SHUTDOWN}. Idempotent: later calls wait for the first to finish.
     */
    public void shutdown(Duration grace) {
        parts.shutdown.run(grace);
    }

    /** {@link #shutdown(Duration)} with a 10 s grace period. */
    @Override
    public void close() {
        shutdown(DEFAULT_SHUTDOWN_GRACE);
    }

}
