package dev.iii.engine;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.iii.protocol.ErrorBody;
import dev.iii.protocol.InvocationResult;
import dev.iii.protocol.InvokeFunction;
import dev.iii.protocol.Message;
import dev.iii.protocol.MessageCodec;
import dev.iii.protocol.Ping;
import dev.iii.protocol.Pong;
import dev.iii.protocol.ProtocolException;
import dev.iii.protocol.RawJson;
import dev.iii.protocol.Reattach;
import dev.iii.protocol.RegistrationRejected;
import dev.iii.protocol.TriggerAction;
import dev.iii.protocol.TriggerRegistrationResult;
import dev.iii.protocol.WorkerRegistered;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The engine proper: worker connections and what they registered, frame handling, and the connection
 * lifecycle of wire specification §4. All registry state is guarded by one lock ({@link #lock}). A frame sent
 * under the lock is only queued (its connection's writer starts it once the lock is free), and futures are
 * always completed off the lock.
 */
final class EngineCore {

    private static final Logger log = LoggerFactory.getLogger(EngineCore.class);

    final Object lock = new Object();
    final EmbeddedEngineOptions options;
    final MessageCodec codec = new MessageCodec();
    final ExecutorService executor;
    final ScheduledExecutorService scheduler;
    final FunctionRegistry functions = new FunctionRegistry();
    final TriggerRegistry triggers = new TriggerRegistry();
    final InvocationRouter invocations;
    final DiscoveryTriggers discovery;
    final InMemoryQueues queues;
    final RegistrationFrames registrations = new RegistrationFrames(this);
    final WorkerMetricsStore metrics = new WorkerMetricsStore(Clock.systemUTC());
    final TelemetryIntake telemetry = new TelemetryIntake(metrics);
    final ChannelRegistry channels;
    final long startedAtMs = System.currentTimeMillis();

    private final Map<UUID, WorkerConnection> connections = new LinkedHashMap<>();
    private volatile boolean stopping;
    /** Worker-name leases: namespace + name -> owning connection. */
    private final Map<List<String>, WorkerConnection> workerNames = new HashMap<>();
    /** {@code engine::register_trigger} calls waiting for a worker provider's answer, by binding id. */
    private final Map<String, ProviderAck> providerAcks = new HashMap<>();

    record ProviderAck(WorkerConnection provider, CompletableFuture<ErrorBody> answer) {
    }

    EngineCore(EmbeddedEngineOptions options) {
        this.options = options;
        this.executor = Executors.newCachedThreadPool(threads("iii-engine-worker"));
        this.scheduler = Executors.newScheduledThreadPool(1, threads("iii-engine-timer"));
        this.invocations = new InvocationRouter(lock, functions, executor);
        this.discovery = new DiscoveryTriggers(this);
        this.queues = new InMemoryQueues(invocations);
        this.channels = new ChannelRegistry(options.channelTtl());
    }

    // ---- connection lifecycle -------------------------------------------------------------------------

    void onOpen(WorkerConnection worker) {
        synchronized (lock) {
            connections.put(worker.id, worker);
            worker.namespaceGraceTimer = scheduler.schedule(() -> registrations.onNamespaceGraceExpired(worker),
                    options.namespaceGrace().toMillis(), TimeUnit.MILLISECONDS);
            // Queued under the lock so nothing routed to this connection can overtake it.
            worker.send(new WorkerRegistered(worker.id.toString(), worker.reattachToken));
        }
        log.info("{} connected from {}", worker, worker.ipAddress);
        discovery.workerEvent("worker_connected", worker.id);
    }

    /** One complete protocol message from {@code worker}, as UTF-8 bytes. */
    void onFrame(WorkerConnection worker, byte[] frame) {
        if (worker.retired || isBlank(frame)) {
            return;
        }
        Message message;
        try {
            message = codec.decode(frame);
        }
        catch (ProtocolException ex) {
            log.warn("{}: frame dropped: {}", worker, ex.getMessage());
            return;
        }
        dispatch(worker, message);
    }

    private static boolean isBlank(byte[] frame) {
        for (byte b : frame) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    void onClose(WorkerConnection worker) {
        cleanup(worker);
    }

    private void dispatch(WorkerConnection worker, Message message) {
        if (message instanceof Reattach reattach) {
            reattach(worker, reattach);
        }
        else if (RegistrationFrames.isRegistration(message)) {
            registrations.applyOrBuffer(worker, message);
        }
        else if (message instanceof InvokeFunction invoke) {
            invokeFromWorker(worker, invoke);
        }
        else if (message instanceof InvocationResult result) {
            invocations.complete(result);
        }
        else if (message instanceof TriggerRegistrationResult answer) {
            providerAnswered(worker, answer);
        }
        else if (message instanceof Ping) {
            worker.send(new Pong());
        }
        else {
            log.debug("{}: {} ignored", worker, message.getClass().getSimpleName());
        }
    }

    // ---- calls ----------------------------------------------------------------------------------------

    private void invokeFromWorker(WorkerConnection caller, InvokeFunction m) {
        if (MessageCodec.blankNamespaceMember(m) != null) {
            // Refused out loud only when the caller waits for an answer, as the real engine does.
            if (m.invocationId() != null && !(m.action() instanceof TriggerAction.Void)) {
                caller.send(InvocationResult.failure(m.invocationId(), m.functionId(),
                        new ErrorBody(Namespaces.INVALID_NAMESPACE, Namespaces.blankMessage("namespace"))));
            }
            else {
                log.warn("{}: call to {} dropped: blank namespace", caller, m.functionId());
            }
            return;
        }
        if (m.action() instanceof TriggerAction.Enqueue enqueue) {
            String receipt = queues.enqueue(enqueue.queue(), m.namespace(), m.functionId(), m.data(),
                    m.traceparent(), m.baggage());
            if (m.invocationId() != null) {
                ObjectNode result = EngineJson.object().put("messageReceiptId", receipt);
                caller.send(InvocationResult.success(m.invocationId(), m.functionId(), RawJson.of(result)));
            }
            return;
        }
        boolean wantsReply = m.invocationId() != null && !(m.action() instanceof TriggerAction.Void);
        UUID replyId = wantsReply ? m.invocationId() : null;
        CompletableFuture<Outcome> outcome = invocations.invoke(Caller.of(caller), m.namespace(), m.functionId(),
                m.data(), m.metadata(), replyId, m.traceparent(), m.baggage());
        if (replyId != null) {
            // Runs on the thread that reads the target's answer: the reply is written from there, no hand-off.
            outcome.thenAccept(done -> caller.send(new InvocationResult(replyId, m.functionId(), done.result(),
                    done.error(), m.traceparent(), m.baggage())));
        }
    }

    // ---- worker-provided trigger types ---------------------------------------------------------------

    private void providerAnswered(WorkerConnection provider, TriggerRegistrationResult m) {
        ProviderAck ack = takeProviderAck(provider, m.id());
        if (ack != null) {
            ack.answer().complete(m.error());
            return;
        }
        WorkerConnection registrant = null;
        synchronized (lock) {
            if (m.error() == null) {
                return;
            }
            Binding parked = triggers.park(m.id(), provider);
            if (parked != null && parked.ownerId != null) {
                registrant = connections.get(parked.ownerId);
            }
            if (registrant != null) {
                registrant.send(new TriggerRegistrationResult(parked.id, parked.triggerType, parked.functionId,
                        m.error()));
            }
        }
    }

    /** The wait for {@code provider}'s answer to binding {@code bindingId}, taken out of the table; or {@code null}. */
    private ProviderAck takeProviderAck(WorkerConnection provider, String bindingId) {
        synchronized (lock) {
            ProviderAck ack = providerAcks.get(bindingId);
            if (ack == null || ack.provider() != provider) {
                return null;
            }
            providerAcks.remove(bindingId);
            return ack;
        }
    }

    /** Registers the wait for a provider's answer to a durable binding; see {@code engine::register_trigger}. */
    CompletableFuture<ErrorBody> expectProviderAnswer(String bindingId,
            WorkerConnection provider) {
        synchronized (lock) {
            CompletableFuture<ErrorBody> answer = new CompletableFuture<>();
            providerAcks.put(bindingId, new ProviderAck(provider, answer));
            return answer;
        }
    }

    void forgetProviderAnswer(String bindingId) {
        synchronized (lock) {
            providerAcks.remove(bindingId);
        }
    }

    // ---- engine::workers::register --------------------------------------------------------------------

    /**
     * Stores a worker's metadata, claims its name in its namespace, and releases its buffered registrations.
     *
     * @return {@code false} when the name is taken by another live worker (the connection is then rejected and
     *         closed)
     */
    boolean registerWorker(WorkerConnection worker, String declaredNamespace, WorkerMetadata metadata) {
        String namespace;
        synchronized (lock) {
            if (worker.cleanupStarted) {
                return false;
            }
            // A late call keeps whatever the grace timer fixed, so functions and name stay in one namespace.
            namespace = worker.namespace != null ? worker.namespace : declaredNamespace;
            if (metadata.name() != null) {
                List<String> key = List.of(namespace, metadata.name());
                WorkerConnection owner = workerNames.get(key);
                if (owner != null && owner != worker && !owner.cleanupStarted) {
                    if (worker.namespaceGraceTimer != null) {
                        worker.namespaceGraceTimer.cancel(false);
                    }
                    worker.bufferedRegistrations.clear();
                    log.warn("{}: worker name {} is taken in namespace {} by {}; connection rejected", worker,
                            metadata.name(), namespace, owner);
                    worker.send(new RegistrationRejected(RegistrationRejected.WORKER_NAMESPACE_CONFLICT, namespace,
                            null, metadata.name(), owner.id.toString()));
                    worker.sender.closeAfterFlush(SocketClose.normal(""));
                    return false;
                }
                releaseName(worker);
                workerNames.put(key, worker);
            }
            else {
                releaseName(worker);
            }
            worker.metadata = metadata;
            registrations.resolveNamespace(worker, namespace);
        }
        log.info("{} registered: runtime {}, version {}, namespace {}", worker, metadata.runtime(),
                metadata.version(), namespace);
        discovery.workerEvent("worker_metadata_updated", worker.id);
        return true;
    }

    private void releaseName(WorkerConnection worker) {
        workerNames.values().removeIf(owner -> owner == worker);
    }

    // ---- reattach and cleanup -------------------------------------------------------------------------

    private void reattach(WorkerConnection worker, Reattach m) {
        UUID previousId;
        try {
            previousId = UUID.fromString(m.previousWorkerId());
        }
        catch (IllegalArgumentException ex) {
            return;
        }
        WorkerConnection previous;
        synchronized (lock) {
            previous = connections.get(previousId);
        }
        if (previous == null || previous == worker || !previous.reattachToken.equals(m.reattachToken())) {
            return;
        }
        log.info("{} reattached: retiring previous connection {}", worker, previous.id);
        // Cleaned up before the next frame is read, so the replay that follows lands on a clean slate.
        drop(previous, SocketClose.normal("reattached"));
    }

    /** A worker that stopped reading while frames for it piled up: it is dropped like a dead connection. */
    void peerNotReading(WorkerConnection worker, long waitingBytes) {
        log.warn("{} is not reading: {} bytes of frames wait for it (limit {}); connection dropped", worker,
                waitingBytes, options.maxQueuedSendBytes());
        drop(worker, SocketClose.policy("not reading"));
    }

    /** Ends a connection the engine gives up on: its later frames are ignored, its cleanup runs now. */
    private void drop(WorkerConnection worker, SocketClose reason) {
        worker.retired = true;
        cleanup(worker);
        worker.sender.closeNow(reason);
    }

    /** Runs a connection's cleanup once (wire specification §4.6); later calls return at once. */
    void cleanup(WorkerConnection worker) {
        List<CompletableFuture<Outcome>> stopped;
        synchronized (lock) {
            if (worker.cleanupStarted) {
                return;
            }
            worker.cleanupStarted = true;
            if (worker.namespaceGraceTimer != null) {
                worker.namespaceGraceTimer.cancel(false);
            }
            worker.bufferedRegistrations.clear();
            String namespace = worker.effectiveNamespace();
            for (String id : worker.functionIds) {
                functions.removeIfOwner(new FunctionKey(namespace, id), worker);
            }
            worker.functionIds.clear();
            stopped = invocations.detach(worker);
            providerAcks.values().removeIf(ack -> ack.provider() == worker);
            triggers.removeWorker(worker);
            releaseName(worker);
            connections.remove(worker.id);
        }
        metrics.forget(worker.id.toString());
        InvocationRouter.stop(stopped);
        log.info("{} disconnected", worker);
        discovery.workerEvent("worker_disconnected", worker.id);
    }

    // ---- views used by the engine functions -----------------------------------------------------------

    /** Live connections, in connection order. Call with the lock held. */
    List<WorkerConnection> connections() {
        return new ArrayList<>(connections.values());
    }

    /** From now on nothing new is fired: the engine is going away. */
    void beginShutdown() {
        stopping = true;
    }

    boolean stopping() {
        return stopping;
    }

    /** Closes every socket still open and stops the timers. */
    void shutdown() {
        channels.stop();
        scheduler.shutdownNow();
        // Engine functions still waiting are interrupted; the closes below, refused by the stopped executor,
        // then run on this thread, which is no socket's.
        executor.shutdownNow();
        List<WorkerConnection> open;
        synchronized (lock) {
            open = new ArrayList<>(connections.values());
        }
        for (WorkerConnection worker : open) {
            worker.sender.closeNow(SocketClose.goingAway("engine stopped"));
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            // Threads may be created from a container thread; never let them pin the container's class loader.
            thread.setContextClassLoader(EngineCore.class.getClassLoader());
            return thread;
        };
    }
}
