package dev.iii.sdk;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import dev.iii.sdk.discovery.FunctionInfo;
import dev.iii.sdk.discovery.FunctionsAvailableEvent;
import dev.iii.sdk.discovery.TriggerTypeInfo;
import dev.iii.sdk.discovery.WorkerInfo;
import dev.iii.sdk.discovery.WorkersAvailableEvent;
import dev.iii.sdk.function.FunctionHandler;
import dev.iii.sdk.function.FunctionOptions;
import dev.iii.sdk.function.FunctionRegistration;
import dev.iii.sdk.function.TypedFunctionHandler;
import dev.iii.protocol.EngineError;
import dev.iii.protocol.ErrorBody;
import dev.iii.protocol.InvocationResult;
import dev.iii.protocol.InvokeFunction;
import dev.iii.protocol.Message;
import dev.iii.protocol.MessageCodec;
import dev.iii.protocol.Ping;
import dev.iii.protocol.Pong;
import dev.iii.protocol.RawJson;
import dev.iii.protocol.Reattach;
import dev.iii.protocol.RegisterFunction;
import dev.iii.protocol.RegisterTrigger;
import dev.iii.protocol.RegisterTriggerType;
import dev.iii.protocol.RegistrationRejected;
import dev.iii.protocol.TriggerAction;
import dev.iii.protocol.TriggerRegistrationResult;
import dev.iii.protocol.UnknownMessage;
import dev.iii.protocol.UnregisterFunction;
import dev.iii.protocol.UnregisterTrigger;
import dev.iii.protocol.WorkerRegistered;
import dev.iii.sdk.trigger.TriggerProvider;
import dev.iii.sdk.trigger.TriggerRegistration;
import dev.iii.sdk.trigger.TriggerRequest;
import dev.iii.sdk.trigger.TriggerTypeDefinition;
import dev.iii.sdk.trigger.TriggerTypeRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An iii worker: one connection to the engine through which it registers functions, triggers and trigger
 * types, serves invocations and calls other functions.
 * <p>
 * Create one with {@link III#registerWorker} (connects at once) or {@link #create} (connects on
 * {@link #start()}). Registrations may be made before or after the connection is up: the worker keeps them
 * and replays them on every (re)connect. Calls made while disconnected wait for the connection, within their
 * timeout. Handlers run on the worker's executor, never on the socket's thread. {@link #shutdown(Duration)}
 * lets in-flight invocations finish, withdraws the registrations and closes the connection.
 * <p>
 * Thread-safe.
 */
public final class IIIWorker implements AutoCloseable {

    /** The runtime this SDK reports to the engine. */
    public static final String RUNTIME = "java";

    /** The version of this SDK. */
    public static final String SDK_VERSION = readSdkVersion();

    private static final Logger log = LoggerFactory.getLogger(IIIWorker.class);
    private static final String ENGINE_PREFIX = "engine::";
    private static final String REGISTER_WORKER = "engine::workers::register";
    private static final String DEFAULT_NAMESPACE = "default";
    private static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);

    private final WorkerOptions options;
    private final MessageCodec codec = new MessageCodec();
    private final PayloadBinder binder;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService events;
    private final ExecutorService completions;
    private final Executor executor;
    private final ExecutorService ownedExecutor;
    private final InvocationDispatcher dispatcher;
    private final PendingCalls pendingCalls;
    private final ConnectionSupervisor supervisor;
    private final InvocationServer invocations;
    private final Discovery discovery;

    /** Guards the registries, the offline queue and the replay, so that each registration is sent once. */
    private final Object lock = new Object();
    private final Map<String, FunctionEntry> functions = new LinkedHashMap<>();
    private final Map<String, TriggerEntry> triggers = new LinkedHashMap<>();
    private final Map<String, ProvidedTriggerType> triggerTypes = new LinkedHashMap<>();
    private final ArrayDeque<QueuedCall> offline = new ArrayDeque<>();
    private volatile String workerId;
    private volatile String previousWorkerId;
    private volatile String previousReattachToken;
    private volatile RegistrationRejectedException fatalError;
    private CompletableFuture<Void> shutdown;

    private IIIWorker(WorkerOptions options) {
        this.options = options;
        this.binder = new PayloadBinder(options.jsonMapper() != null ? options.jsonMapper() : JsonMapper.builder().build());
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, daemonThreads("iii-scheduler"));
        timers.setRemoveOnCancelPolicy(true);
        this.scheduler = timers;
        this.events = Executors.newSingleThreadExecutor(daemonThreads("iii-events"));
        this.completions = Executors.newCachedThreadPool(daemonThreads("iii-completion"));
        if (options.executor() != null) {
            this.executor = options.executor();
            this.ownedExecutor = null;
        }
        else {
            this.ownedExecutor = Executors.newCachedThreadPool(daemonThreads("iii-invocation"));
            this.executor = ownedExecutor;
        }
        this.dispatcher = new InvocationDispatcher(executor, options.maxConcurrentInvocations());
        this.pendingCalls = new PendingCalls(scheduler, completions);
        this.supervisor = new ConnectionSupervisor(options, codec, scheduler, events, new SupervisorEvents());
        this.invocations = new InvocationServer(dispatcher, binder, options.sendStackTraces(), supervisor::connection);
        this.discovery = new Discovery(this);
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
     */
    public IIIWorker start() {
        synchronized (lock) {
            requireOpen();
        }
        log.info("Starting iii worker '{}' for {}", options.name(), options.url());
        supervisor.start();
        return this;
    }

    // ---------------------------------------------------------------- state

    /** The options the worker runs with, defaults resolved. */
    public WorkerOptions options() {
        return options;
    }

    public ConnectionState connectionState() {
        return supervisor.state();
    }

    /**
     * Adds a listener; it is told the current state at once, then every change.
     *
     * @return removes the listener
     */
    public Registration addConnectionStateListener(ConnectionStateListener listener) {
        Runnable remove = supervisor.addListener(listener);
        return remove::run;
    }

    /**
     * Waits until the worker is connected.
     *
     * @return {@code true} when connected, {@code false} when the time ran out or the worker failed
     */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        CountDownLatch connected = new CountDownLatch(1);
        Registration listener = addConnectionStateListener((state, cause) -> {
            if (state == ConnectionState.CONNECTED || state == ConnectionState.FAILED) {
                connected.countDown();
            }
        });
        try {
            return connected.await(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    && connectionState() == ConnectionState.CONNECTED;
        }
        finally {
            listener.unregister();
        }
    }

    /** The engine's id for the current connection, once it sent {@code workerregistered}. */
    public Optional<String> workerId() {
        return Optional.ofNullable(workerId);
    }

    /** Why the worker failed for good, if it did ({@code WORKER_NAMESPACE_CONFLICT}). */
    public Optional<RegistrationRejectedException> fatalError() {
        return Optional.ofNullable(fatalError);
    }

    /** The last connection error, cleared on a successful connection. */
    public Optional<Throwable> lastError() {
        return Optional.ofNullable(supervisor.lastError());
    }

    /** How many times the worker connected again after losing a connection. */
    public long reconnectCount() {
        return supervisor.reconnectCount();
    }

    /** Whether {@link #shutdown(Duration)} has begun: new invocations are refused from then on. */
    public boolean isShuttingDown() {
        synchronized (lock) {
            return shutdown != null;
        }
    }

    /** Invocations accepted and not yet answered (running or waiting for a free slot). */
    public int inFlightInvocations() {
        return dispatcher.inFlight();
    }

    /** Calls sent (or queued) and not yet answered. */
    public int pendingCalls() {
        return pendingCalls.size();
    }

    /** Ids of the functions registered through this worker, in registration order. */
    public List<String> functionIds() {
        synchronized (lock) {
            return List.copyOf(functions.keySet());
        }
    }

    /** The bindings registered through this worker, in registration order. */
    public List<TriggerRegistration> triggers() {
        synchronized (lock) {
            return List.copyOf(triggers.values());
        }
    }

    // ---------------------------------------------------------------- functions

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
        requireHandler(handler);
        return addFunction(id, functionOptions, handler);
    }

    /** Registers a function whose payload is bound to {@code payloadType}. */
    public <T> FunctionRegistration registerFunction(String id, FunctionOptions functionOptions, Class<T> payloadType,
            TypedFunctionHandler<T> handler) {
        return registerTyped(id, functionOptions, payloadType, handler);
    }

    /** Registers a function whose payload is bound to a generic type, e.g. {@code List<Order>}. */
    public <T> FunctionRegistration registerFunction(String id, FunctionOptions functionOptions,
            TypeReference<T> payloadType, TypedFunctionHandler<T> handler) {
        return registerTyped(id, functionOptions, payloadType.getType(), handler);
    }

    /**
     * Registers a function whose payload is bound to any reflective {@link Type}; for frameworks that know
     * the parameter type of a method.
     */
    public <T> FunctionRegistration registerFunction(String id, FunctionOptions functionOptions, Type payloadType,
            TypedFunctionHandler<T> handler) {
        return registerTyped(id, functionOptions, payloadType, handler);
    }

    private <T> FunctionRegistration registerTyped(String id, FunctionOptions functionOptions, Type payloadType,
            TypedFunctionHandler<T> handler) {
        requireHandler(handler);
        JavaType type = binder.type(payloadType);
        return addFunction(id, functionOptions,
                (payload, context) -> handler.handle(binder.bindPayload(payload, type, id), context));
    }

    /** Registers a function the engine calls over HTTP ({@code options.httpInvocation()} is required). */
    public FunctionRegistration registerHttpFunction(String id, FunctionOptions functionOptions) {
        if (functionOptions.httpInvocation() == null) {
            throw new IllegalArgumentException("an HTTP-invoked function needs httpInvocation in its options");
        }
        return addFunction(id, functionOptions, InvocationServer.HTTP_INVOKED);
    }

    private FunctionRegistration addFunction(String id, FunctionOptions functionOptions, FunctionHandler handler) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("function id must not be blank");
        }
        if (functionOptions == null) {
            throw new IllegalArgumentException("function options must not be null; use FunctionOptions.none()");
        }
        if (handler != InvocationServer.HTTP_INVOKED && functionOptions.httpInvocation() != null) {
            throw new IllegalArgumentException("function " + id + " is HTTP-invoked: it cannot have a handler");
        }
        RegisterFunction frame = new RegisterFunction(id, functionOptions.description(),
                binder.toTree(functionOptions.requestFormat()), binder.toTree(functionOptions.responseFormat()),
                binder.toTree(functionOptions.metadata()), functionOptions.httpInvocation());
        FunctionEntry entry = new FunctionEntry(frame, handler);
        synchronized (lock) {
            requireOpen();
            if (functions.containsKey(id)) {
                throw new IllegalArgumentException("function " + id + " is already registered by this worker");
            }
            functions.put(id, entry);
            invocations.serve(id, handler);
            sendIfConnected(frame);
        }
        log.debug("registered function {}", id);
        return entry;
    }

    private static void requireHandler(Object handler) {
        if (handler == null) {
            throw new IllegalArgumentException("handler must not be null");
        }
    }

    // ---------------------------------------------------------------- triggers

    /**
     * Binds a function to a trigger type.
     *
     * @param type       {@code http}, {@code cron}, or any trigger type the engine or a worker provides
     * @param functionId function to call when the trigger fires
     * @param config     type-specific configuration, e.g. {@code Map.of("api_path", "/orders")}
     * @param metadata   handed to the function on every fire; may be {@code null}
     */
    public TriggerRegistration registerTrigger(String type, String functionId, Object config, Object metadata) {
        return registerTrigger(TriggerRequest.of(type, functionId, config).withMetadata(metadata));
    }

    /** Binds a function to a trigger type, with namespaces. */
    public TriggerRegistration registerTrigger(TriggerRequest request) {
        JsonNode config = request.config() == null ? JsonNodeFactory.instance.objectNode()
                : binder.toTree(request.config());
        String namespace = request.namespace() != null ? request.namespace() : options.namespace();
        RegisterTrigger frame = new RegisterTrigger(UUID.randomUUID().toString(), request.type(), request.functionId(),
                config, binder.toTree(request.metadata()), namespace, request.triggerNamespace());
        TriggerEntry entry = new TriggerEntry(frame, request);
        synchronized (lock) {
            requireOpen();
            triggers.put(frame.id(), entry);
            sendIfConnected(frame);
        }
        log.debug("registered {} trigger {} for {}", request.type(), frame.id(), request.functionId());
        return entry;
    }

    /**
     * Makes this worker the provider of a trigger type: the engine hands it every binding of the type.
     *
     * @throws IllegalArgumentException when this worker already provides the type
     */
    public TriggerTypeRegistration registerTriggerType(TriggerTypeDefinition definition, TriggerProvider provider) {
        requireHandler(provider);
        RegisterTriggerType frame = new RegisterTriggerType(definition.id(),
                definition.description() == null ? "" : definition.description(),
                binder.toTree(definition.triggerRequestFormat()), binder.toTree(definition.callRequestFormat()), null);
        ProvidedTriggerType entry = new ProvidedTriggerType(frame, provider, this, executor, this::stopProviding);
        synchronized (lock) {
            requireOpen();
            if (triggerTypes.containsKey(definition.id())) {
                throw new IllegalArgumentException("trigger type " + definition.id() + " is already provided by this worker");
            }
            triggerTypes.put(definition.id(), entry);
            sendIfConnected(frame);
        }
        log.debug("registered trigger type {}", definition.id());
        return entry;
    }

    /** The engine has no message for it: new bindings of the type are refused from now on. */
    private void stopProviding(ProvidedTriggerType type) {
        synchronized (lock) {
            triggerTypes.remove(type.id(), type);
        }
    }

    // ---------------------------------------------------------------- calls

    /** Calls a function and waits for its result, as a JSON tree ({@code null} for no value). */
    public CompletableFuture<JsonNode> call(String functionId, Object payload) {
        return call(functionId, payload, CallOptions.defaults());
    }

    /** Calls a function with per-call options. */
    public CompletableFuture<JsonNode> call(String functionId, Object payload, CallOptions callOptions) {
        Duration timeout = callOptions.timeout() != null ? callOptions.timeout() : options.invocationTimeout();
        PendingCalls.Call call = pendingCalls.open(functionId, timeout);
        InvokeFunction frame;
        try {
            frame = InvokeFunction.call(call.id, functionId, payloadTree(payload), binder.toTree(callOptions.metadata()),
                    callOptions.traceparent(), callOptions.baggage(), null, namespaceFor(functionId, callOptions));
        }
        catch (RuntimeException ex) {
            pendingCalls.fail(call.id, new InvocationException(ErrorCode.SERIALIZATION_ERROR,
                    "Payload for " + functionId + " cannot be written as JSON: " + ex.getMessage(), functionId, null, ex));
            return call.future;
        }
        dispatch(frame, call, timeout);
        return call.future;
    }

    /** Calls a function and binds its result to {@code resultType}. */
    public <R> CompletableFuture<R> call(String functionId, Object payload, Class<R> resultType) {
        return call(functionId, payload, resultType, CallOptions.defaults());
    }

    /** Calls a function with per-call options and binds its result to {@code resultType}. */
    public <R> CompletableFuture<R> call(String functionId, Object payload, Class<R> resultType,
            CallOptions callOptions) {
        return bindResult(call(functionId, payload, callOptions), binder.type(resultType), functionId);
    }

    /** Calls a function and binds its result to a generic type. */
    public <R> CompletableFuture<R> call(String functionId, Object payload, TypeReference<R> resultType,
            CallOptions callOptions) {
        return bindResult(call(functionId, payload, callOptions), binder.type(resultType.getType()), functionId);
    }

    /** Calls a function and binds its result to any reflective {@link Type}. */
    public <R> CompletableFuture<R> call(String functionId, Object payload, Type resultType, CallOptions callOptions) {
        return bindResult(call(functionId, payload, callOptions), binder.type(resultType), functionId);
    }

    private <R> CompletableFuture<R> bindResult(CompletableFuture<JsonNode> raw, JavaType type, String functionId) {
        return raw.thenApply(node -> node == null ? null : binder.bindResult(node, type, functionId));
    }

    /**
     * Fire and forget: the engine runs the function and sends nothing back. Returns at once; while
     * disconnected the call waits for the connection within the worker's invocation timeout.
     */
    public void callVoid(String functionId, Object payload) {
        callVoid(functionId, payload, CallOptions.defaults());
    }

    /** Fire and forget, with per-call options. */
    public void callVoid(String functionId, Object payload, CallOptions callOptions) {
        InvokeFunction frame = InvokeFunction.call(null, functionId, payloadTree(payload),
                binder.toTree(callOptions.metadata()), callOptions.traceparent(), callOptions.baggage(),
                new TriggerAction.Void(), namespaceFor(functionId, callOptions));
        dispatch(frame, null, callOptions.timeout() != null ? callOptions.timeout() : options.invocationTimeout());
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
        Duration timeout = callOptions.timeout() != null ? callOptions.timeout() : options.invocationTimeout();
        TriggerAction.Enqueue action = new TriggerAction.Enqueue(queue);
        PendingCalls.Call call = pendingCalls.open(functionId, timeout);
        InvokeFunction frame = InvokeFunction.call(call.id, functionId, payloadTree(payload),
                binder.toTree(callOptions.metadata()), callOptions.traceparent(), callOptions.baggage(), action,
                namespaceFor(functionId, callOptions));
        dispatch(frame, call, timeout);
        return call.future.thenApply(receipt -> {
            JsonNode id = receipt == null ? null : receipt.get("messageReceiptId");
            if (id == null || !id.isString()) {
                throw new InvocationException(ErrorCode.INVALID_RESPONSE, "The engine's enqueue receipt has no messageReceiptId",
                        functionId, null, null);
            }
            return new EnqueueReceipt(id.asString());
        });
    }

    private RawJson payloadTree(Object payload) {
        return RawJson.of(binder.toTree(payload));
    }

    /** Node's rule: unset means the worker's namespace, but {@code engine::*} always lives in {@code default}. */
    private String namespaceFor(String functionId, CallOptions callOptions) {
        if (callOptions.namespace() != null) {
            return callOptions.namespace();
        }
        if (options.namespace() == null) {
            return null;
        }
        return functionId != null && functionId.startsWith(ENGINE_PREFIX) ? DEFAULT_NAMESPACE : options.namespace();
    }

    private void dispatch(InvokeFunction frame, PendingCalls.Call call, Duration timeout) {
        EngineConnection connection;
        synchronized (lock) {
            if (shutdown != null || fatalError != null || supervisor.state() == ConnectionState.FAILED) {
                failUnsent(call, frame.functionId());
                return;
            }
            connection = supervisor.connection();
            if (connection == null) {
                offline.add(new QueuedCall(frame, call, System.nanoTime() + timeout.toNanos()));
                return;
            }
        }
        send(connection, frame, call, timeout);
    }

    private void send(EngineConnection connection, InvokeFunction frame, PendingCalls.Call call, Duration timeout) {
        if (call != null) {
            call.sentOn = connection;
        }
        if (!connection.send(frame)) {
            // The socket went away under us: the call waits for the next connection instead.
            if (call != null) {
                call.sentOn = null;
            }
            synchronized (lock) {
                offline.add(new QueuedCall(frame, call, System.nanoTime() + timeout.toNanos()));
            }
        }
    }

    private void failUnsent(PendingCalls.Call call, String functionId) {
        String reason = fatalError != null ? fatalError.getMessage() : "The worker is shut down";
        if (call != null) {
            pendingCalls.fail(call.id, new InvocationException(ErrorCode.SHUTDOWN, reason, functionId, null, null));
        }
        else {
            log.warn("Dropped a void call to {}: {}", functionId, reason);
        }
    }

    // ---------------------------------------------------------------- discovery

    /** The engine's connected workers ({@code engine::workers::list}). */
    public CompletableFuture<List<WorkerInfo>> listWorkers() {
        return discovery.list("engine::workers::list", "workers", WorkerInfo.class);
    }

    /** The engine's public functions ({@code engine::functions::list}). */
    public CompletableFuture<List<FunctionInfo>> listFunctions() {
        return discovery.list("engine::functions::list", "functions", FunctionInfo.class);
    }

    /** The engine's trigger types ({@code engine::triggers::list}). */
    public CompletableFuture<List<TriggerTypeInfo>> listTriggers() {
        return discovery.list("engine::triggers::list", "triggers", TriggerTypeInfo.class);
    }

    /**
     * Subscribes to {@code engine::workers-available}: the listener hears of every worker that connects,
     * updates its metadata or disconnects. Registers a hidden function and its binding.
     */
    public Registration onWorkersAvailable(Consumer<WorkersAvailableEvent> listener) {
        return discovery.subscribe("engine::workers-available", "workers-available", WorkersAvailableEvent.class, listener);
    }

    /** Subscribes to {@code engine::functions-available}: the listener hears when the set of functions changes. */
    public Registration onFunctionsAvailable(Consumer<FunctionsAvailableEvent> listener) {
        return discovery.subscribe("engine::functions-available", "functions-available", FunctionsAvailableEvent.class,
                listener);
    }

    // ---------------------------------------------------------------- shutdown

    /**
     * Leaves the engine cleanly: refuses new invocations ({@code invocation_stopped}), lets those in flight
     * finish within {@code grace}, withdraws every registration, closes the connection and fails calls still
     * waiting with {@link ErrorCode#SHUTDOWN}. Idempotent: later calls wait for the first to finish.
     */
    public void shutdown(Duration grace) {
        CompletableFuture<Void> first = new CompletableFuture<>();
        CompletableFuture<Void> running;
        synchronized (lock) {
            running = shutdown;
            if (running == null) {
                shutdown = first;
            }
        }
        if (running != null) {
            running.join();
            return;
        }
        try {
            drainAndLeave(grace);
        }
        finally {
            first.complete(null);
        }
    }

    /** {@link #shutdown(Duration)} with a 10 s grace period. */
    @Override
    public void close() {
        shutdown(DEFAULT_SHUTDOWN_GRACE);
    }

    private void drainAndLeave(Duration grace) {
        dispatcher.beginDraining();
        int running = dispatcher.inFlight();
        if (running > 0) {
            log.info("Shutting down iii worker '{}': waiting up to {} ms for {} invocation(s)", options.name(),
                    grace.toMillis(), running);
        }
        try {
            if (!dispatcher.awaitIdle(grace)) {
                log.warn("{} invocation(s) still running after the {} ms grace period; their results are lost",
                        dispatcher.inFlight(), grace.toMillis());
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        List<QueuedCall> unsent;
        synchronized (lock) {
            EngineConnection connection = supervisor.connection();
            if (connection != null) {
                triggers.values().forEach(t -> connection.send(new UnregisterTrigger(t.frame.id(), t.frame.triggerType())));
                functions.keySet().forEach(id -> connection.send(new UnregisterFunction(id)));
            }
            unsent = new ArrayList<>(offline);
            offline.clear();
        }
        supervisor.stop();
        for (QueuedCall queued : unsent) {
            failUnsent(queued.call, queued.frame.functionId());
        }
        pendingCalls.failAll(ErrorCode.SHUTDOWN, "The worker shut down before the call completed");
        scheduler.shutdownNow();
        events.shutdown();
        completions.shutdown();
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
        }
        log.info("iii worker '{}' shut down", options.name());
    }

    private void requireOpen() {
        if (shutdown != null) {
            throw new IllegalStateException("the worker is shut down");
        }
    }

    // ---------------------------------------------------------------- connection events

    /** Sends a registration frame now if connected; otherwise the next replay carries it. Under {@link #lock}. */
    private void sendIfConnected(Message frame) {
        EngineConnection connection = supervisor.connection();
        if (connection != null) {
            connection.send(frame);
        }
    }

    /**
     * Sends what every (re)connect sends, in the reference order: {@code reattach}, the metadata call, trigger
     * types, functions, bindings, then the calls that waited for a connection. The metadata call expects a
     * result and a JSON ping follows the replay: the engine applies a connection's registrations only once
     * its metadata call lands, so the worker counts as connected when both answers are back, and refusals
     * of the metadata call (a forbidden namespace, say) are reported instead of passing in silence.
     */
    private void replay(EngineConnection connection) {
        PendingCalls.Call registration;
        synchronized (lock) {
            if (previousWorkerId != null) {
                connection.send(new Reattach(previousWorkerId, previousReattachToken));
            }
            registration = pendingCalls.open(REGISTER_WORKER, options.connectTimeout());
            registration.sentOn = connection;
            connection.send(InvokeFunction.call(registration.id, REGISTER_WORKER, RawJson.of(workerMetadata()), null,
                    null, null, null, null));
            triggerTypes.values().forEach(t -> connection.send(t.frame()));
            for (FunctionEntry function : functions.values()) {
                function.rejection = null;
                connection.send(function.frame);
            }
            triggers.values().forEach(t -> connection.send(t.frame));
            connection.send(new Ping());
            long now = System.nanoTime();
            int sent = 0;
            int expired = 0;
            while (!offline.isEmpty()) {
                QueuedCall queued = offline.poll();
                boolean stale = queued.call != null ? queued.call.future.isDone() : now - queued.deadline > 0;
                if (stale) {
                    expired++;
                    continue;
                }
                if (queued.call != null) {
                    queued.call.sentOn = connection;
                }
                connection.send(queued.frame);
                sent++;
            }
            if (sent + expired > 0) {
                log.debug("sent {} call(s) queued while offline; dropped {} whose time ran out", sent, expired);
            }
            if (!supervisor.attach(connection)) {
                return;
            }
        }
        log.debug("replayed {} trigger type(s), {} function(s), {} trigger(s)", triggerTypes.size(), functions.size(),
                triggers.size());
        CompletableFuture<Void> registered = registration.future.handle((result, error) -> {
            if (error != null) {
                Throwable cause = HandlerFailure.unwrap(error);
                log.warn("The engine did not accept this worker's metadata ({}); its registrations apply once the "
                        + "engine's grace period ends, in namespace default", cause.getMessage());
            }
            return null;
        });
        CompletableFuture.allOf(registered, connection.pong())
                .orTimeout(options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((done, error) -> {
                    if (error != null) {
                        log.warn("The engine did not confirm this worker's registrations within {} ms",
                                options.connectTimeout().toMillis());
                    }
                    supervisor.ready(connection);
                });
    }

    private JsonNode workerMetadata() {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("runtime", RUNTIME);
        data.put("version", SDK_VERSION);
        data.put("name", options.name());
        if (options.description() != null) {
            data.put("description", options.description());
        }
        data.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
                + System.getProperty("os.arch") + ")");
        data.put("pid", ProcessHandle.current().pid());
        if (options.namespace() != null) {
            data.put("namespace", options.namespace());
        }
        ObjectNode telemetry = data.putObject("telemetry");
        telemetry.put("language", Locale.getDefault().toLanguageTag());
        if (options.framework() != null) {
            telemetry.put("framework", options.framework());
        }
        return data;
    }

    private void received(EngineConnection connection, Message message) {
        if (message instanceof InvokeFunction invoke) {
            invocations.invoked(connection, invoke);
        }
        else if (message instanceof InvocationResult result) {
            pendingCalls.complete(result);
        }
        else if (message instanceof WorkerRegistered registered) {
            workerId = registered.workerId();
            previousWorkerId = registered.workerId();
            previousReattachToken = registered.reattachToken();
            log.info("Registered with the iii engine as worker {}", registered.workerId());
        }
        else if (message instanceof RegisterTrigger binding) {
            bindingOffered(connection, binding);
        }
        else if (message instanceof UnregisterTrigger unbinding) {
            bindingWithdrawn(unbinding);
        }
        else if (message instanceof TriggerRegistrationResult result) {
            triggerResult(result);
        }
        else if (message instanceof RegistrationRejected rejected) {
            rejected(rejected);
        }
        else if (message instanceof Ping) {
            connection.send(new Pong());
        }
        else if (message instanceof Pong) {
            connection.pong().complete(null);
        }
        else if (message instanceof EngineError error) {
            log.error("The iii engine refused the connection: {} {}", error.error().code(), error.error().message());
        }
        else if (message instanceof UnknownMessage unknown) {
            log.debug("ignored a frame of unknown type {}", unknown.type());
        }
        else {
            log.debug("ignored an unexpected {} from the engine", message.getClass().getSimpleName());
        }
    }

    private void bindingOffered(EngineConnection connection, RegisterTrigger offer) {
        ProvidedTriggerType type;
        synchronized (lock) {
            type = triggerTypes.get(offer.triggerType());
        }
        if (type == null || type.isWithdrawn()) {
            connection.send(new TriggerRegistrationResult(offer.id(), offer.triggerType(), offer.functionId(),
                    new ErrorBody(ErrorCode.TRIGGER_TYPE_NOT_FOUND, "Trigger type not found")));
            return;
        }
        type.offered(connection, offer);
    }

    private void bindingWithdrawn(UnregisterTrigger withdrawal) {
        ProvidedTriggerType type;
        synchronized (lock) {
            type = withdrawal.triggerType() == null ? null : triggerTypes.get(withdrawal.triggerType());
        }
        if (type == null) {
            log.debug("ignored the withdrawal of binding {} of a type this worker does not provide", withdrawal.id());
            return;
        }
        type.withdrawn(withdrawal);
    }

    private void triggerResult(TriggerRegistrationResult result) {
        if (result.error() == null) {
            return;
        }
        TriggerEntry entry;
        synchronized (lock) {
            entry = triggers.get(result.id());
        }
        InvocationException error = InvocationException.fromErrorBody(result.error(), result.functionId());
        if (entry != null) {
            entry.lastError = error;
        }
        log.warn("The engine refused {} trigger {} for {}: {} {}", result.triggerType(), result.id(),
                result.functionId(), result.error().code(), result.error().message());
    }

    private void rejected(RegistrationRejected rejected) {
        RegistrationRejectedException error = new RegistrationRejectedException(rejected);
        if (RegistrationRejected.FUNCTION_NAMESPACE_CONFLICT.equals(rejected.code()) && rejected.functionId() != null) {
            FunctionEntry entry;
            synchronized (lock) {
                entry = functions.get(rejected.functionId());
            }
            if (entry != null) {
                entry.rejection = error;
            }
            log.warn(error.getMessage());
            return;
        }
        fatalError = error;
        supervisor.fail(error);
    }

    private void lost(EngineConnection connection) {
        pendingCalls.failSentOn(connection);
    }

    private void failed(Throwable cause) {
        List<QueuedCall> unsent;
        synchronized (lock) {
            unsent = new ArrayList<>(offline);
            offline.clear();
        }
        String code = cause instanceof InvocationException invocation ? invocation.getCode() : ErrorCode.SHUTDOWN;
        for (QueuedCall queued : unsent) {
            if (queued.call != null) {
                pendingCalls.fail(queued.call.id, new InvocationException(code, cause.getMessage(),
                        queued.frame.functionId(), null, cause));
            }
        }
        pendingCalls.failAll(code, cause.getMessage());
    }

    /** The supervisor's view of this worker. */
    private final class SupervisorEvents implements ConnectionSupervisor.Worker {
        @Override
        public void opened(EngineConnection connection) {
            replay(connection);
        }

        @Override
        public void received(EngineConnection connection, Message message) {
            IIIWorker.this.received(connection, message);
        }

        @Override
        public void lost(EngineConnection connection) {
            IIIWorker.this.lost(connection);
        }

        @Override
        public void failed(Throwable cause) {
            IIIWorker.this.failed(cause);
        }
    }

    // ---------------------------------------------------------------- registrations

    private record QueuedCall(InvokeFunction frame, PendingCalls.Call call, long deadline) {
    }

    private final class FunctionEntry implements FunctionRegistration {
        final RegisterFunction frame;
        final FunctionHandler handler;
        volatile RegistrationRejectedException rejection;

        FunctionEntry(RegisterFunction frame, FunctionHandler handler) {
            this.frame = frame;
            this.handler = handler;
        }

        @Override
        public String id() {
            return frame.id();
        }

        @Override
        public Optional<RegistrationRejectedException> rejection() {
            return Optional.ofNullable(rejection);
        }

        @Override
        public void unregister() {
            synchronized (lock) {
                if (functions.remove(frame.id(), this)) {
                    invocations.stopServing(frame.id(), handler);
                    if (shutdown == null) {
                        sendIfConnected(new UnregisterFunction(frame.id()));
                    }
                }
            }
        }
    }

    private final class TriggerEntry implements TriggerRegistration {
        final RegisterTrigger frame;
        final TriggerRequest request;
        volatile InvocationException lastError;

        TriggerEntry(RegisterTrigger frame, TriggerRequest request) {
            this.frame = frame;
            this.request = request;
        }

        @Override
        public String id() {
            return frame.id();
        }

        @Override
        public TriggerRequest request() {
            return request;
        }

        @Override
        public Optional<InvocationException> lastError() {
            return Optional.ofNullable(lastError);
        }

        @Override
        public void unregister() {
            synchronized (lock) {
                if (triggers.remove(frame.id(), this) && shutdown == null) {
                    sendIfConnected(new UnregisterTrigger(frame.id(), frame.triggerType()));
                }
            }
        }
    }

    // ---------------------------------------------------------------- plumbing

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static String readSdkVersion() {
        try (InputStream in = IIIWorker.class.getResourceAsStream("/META-INF/iii-sdk.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        }
        catch (IOException ex) {
            return "unknown";
        }
    }
}
