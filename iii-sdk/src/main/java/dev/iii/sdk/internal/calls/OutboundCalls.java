package dev.iii.sdk.internal.calls;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

import dev.iii.protocol.InvocationResult;
import dev.iii.protocol.InvokeFunction;
import dev.iii.protocol.MessageCodec;
import dev.iii.protocol.RawJson;
import dev.iii.protocol.TriggerAction;
import dev.iii.sdk.CallOptions;
import dev.iii.sdk.ErrorCode;
import dev.iii.sdk.InvocationException;
import dev.iii.sdk.WorkerOptions;
import dev.iii.sdk.internal.binding.PayloadBinder;
import dev.iii.sdk.internal.threads.PeriodicSweep;
import dev.iii.sdk.internal.transport.ConnectionListener;
import dev.iii.sdk.internal.transport.EngineLink;
import dev.iii.sdk.internal.transport.FrameWriter;
import org.slf4j.Logger;
import tools.jackson.core.JacksonException;
import org.slf4j.LoggerFactory;

/**
 * This worker's calls to other functions (wire specification §5.1): request/response, void and enqueue.
 * A call is checked and encoded on the caller's thread; it goes out on the connected link, or waits in the
 * bounded offline queue until the next connection, within its timeout. Each call ends exactly once: with its
 * result or remote error, its timeout, the loss of the link it went out on, cancellation, or shutdown.
 * Futures complete on the completion threads, never on the thread that reads the socket.
 */
public final class OutboundCalls implements ConnectionListener {

    private static final Logger log = LoggerFactory.getLogger(OutboundCalls.class);
    private static final String ENGINE_PREFIX = "engine::";
    private static final String DEFAULT_NAMESPACE = "default";
    private static final Duration SWEEP_PERIOD = Duration.ofMillis(20);

    private final WorkerOptions options;
    private final PayloadBinder binder;
    private final MessageCodec codec = new MessageCodec();
    private final ScheduledExecutorService timer;
    private final Executor completions;
    private final Map<UUID, PendingCall<?>> awaitingResult = new ConcurrentHashMap<>();
    private final OfflineQueue offline;
    private final PeriodicSweep sweep;
    private final Object lock = new Object();
    /** Set once the connection's handshake is done and the offline queue has gone out on it. */
    private volatile EngineLink connected;
    /** Why new calls are refused, once the worker stopped or failed. */
    private volatile InvocationException closed;

    public OutboundCalls(WorkerOptions options, PayloadBinder binder, ScheduledExecutorService timer,
            Executor completions) {
        this.options = options;
        this.binder = binder;
        this.timer = timer;
        this.completions = completions;
        this.offline = new OfflineQueue(options.maxOfflineCalls(), options.maxOfflineBytes());
        this.sweep = new PeriodicSweep(timer, SWEEP_PERIOD, this::expireDue, this::hasDeadlines);
    }

    // ---------------------------------------------------------------- making calls

    /**
     * A request/response call (or an enqueue, with {@code queue}); the result is mapped on a completion thread.
     * Never throws: every refusal is a failed future with its code.
     */
    public <R> CallFuture<R> request(String functionId, Object payload, CallOptions callOptions, String queue,
            Function<RawJson, R> resultMapper) {
        UUID id = InvocationIds.next();
        CallFuture<R> future = new CallFuture<>(() -> forget(id), timer);
        InvocationException refused = check(functionId, callOptions, queue);
        byte[] frame = null;
        try {
            if (refused == null) {
                frame = encode(id, functionId, payload, callOptions,
                        queue != null ? new TriggerAction.Enqueue(queue) : null);
            }
        }
        catch (InvocationException ex) {
            refused = ex;
        }
        if (refused != null) {
            future.fail(refused);
            return future;
        }
        PendingCall<R> call = new PendingCall<>(id, functionId, deadline(callOptions), future, resultMapper, frame);
        awaitingResult.put(id, call);
        sweep.wake();
        dispatch(call);
        return future;
    }

    /**
     * A void call: the engine runs the function and sends nothing back. While disconnected it waits for the
     * connection, within its timeout.
     *
     * @throws InvocationException when it is refused at once (bad arguments, payload, full queue, shut down)
     */
    public void fireAndForget(String functionId, Object payload, CallOptions callOptions) {
        InvocationException refused = check(functionId, callOptions, null);
        if (refused != null) {
            throw refused;
        }
        byte[] frame = encode(null, functionId, payload, callOptions, new TriggerAction.Void());
        PendingCall<Void> call = new PendingCall<>(InvocationIds.next(), functionId, deadline(callOptions), null, null,
                frame);
        InvocationException failure = dispatch(call);
        if (failure != null) {
            throw failure;
        }
    }

    /** The handshake's metadata call, on a link that is not connected yet; never queued. */
    public CompletableFuture<RawJson> requestOn(EngineLink link, String functionId, RawJson payload,
            Duration timeout) {
        UUID id = InvocationIds.next();
        CallFuture<RawJson> future = new CallFuture<>(() -> forget(id), timer);
        byte[] frame = codec.encode(InvokeFunction.call(id, functionId, payload, null, null, null, null, null));
        PendingCall<RawJson> call = new PendingCall<>(id, functionId, System.nanoTime() + timeout.toNanos(), future,
                Function.identity(), null);
        call.sentOn = link;
        awaitingResult.put(id, call);
        sweep.wake();
        if (!link.send(frame)) {
            end(call, new InvocationException(ErrorCode.CONNECTION_LOST, "The connection closed before the call "
                    + "was sent", functionId, null, null));
        }
        return future;
    }

    private InvocationException check(String functionId, CallOptions callOptions, String queue) {
        InvocationException refusal = closed;
        if (refusal != null) {
            return new InvocationException(refusal.getCode(), refusal.getMessage(), functionId, null, null);
        }
        if (functionId == null || functionId.isBlank()) {
            return new InvocationException(ErrorCode.INVALID_ARGUMENT, "The function id of a call must not be blank",
                    functionId, null, null);
        }
        if (callOptions == null) {
            return new InvocationException(ErrorCode.INVALID_ARGUMENT, "Call options must not be null; use "
                    + "CallOptions.defaults()", functionId, null, null);
        }
        if (queue != null && queue.isBlank()) {
            return new InvocationException(ErrorCode.INVALID_ARGUMENT, "The queue of an enqueued call must not be "
                    + "blank", functionId, null, null);
        }
        return null;
    }

    /**
     * The frame, encoded on the caller's thread.
     *
     * @throws InvocationException {@link ErrorCode#SERIALIZATION_ERROR} when the payload or metadata cannot be
     *                             written as JSON
     */
    private byte[] encode(UUID id, String functionId, Object payload, CallOptions callOptions, TriggerAction action) {
        try {
            return codec.encode(InvokeFunction.call(id, functionId, binder.write(payload),
                    binder.toTree(callOptions.metadata()), callOptions.traceparent(), callOptions.baggage(), action,
                    namespaceFor(functionId, callOptions)));
        }
        catch (JacksonException ex) {
            throw new InvocationException(ErrorCode.SERIALIZATION_ERROR, "The payload or metadata of the call to "
                    + functionId + " cannot be written as JSON: " + ex.getOriginalMessage(), functionId, null, ex);
        }
    }

    /** Node's rule: unset means the worker's namespace, but {@code engine::*} always lives in {@code default}. */
    private String namespaceFor(String functionId, CallOptions callOptions) {
        if (callOptions.namespace() != null) {
            return callOptions.namespace();
        }
        if (options.namespace() == null) {
            return null;
        }
        return functionId.startsWith(ENGINE_PREFIX) ? DEFAULT_NAMESPACE : options.namespace();
    }

    private long deadline(CallOptions callOptions) {
        Duration timeout = callOptions.timeout() != null ? callOptions.timeout() : options.invocationTimeout();
        return System.nanoTime() + timeout.toNanos();
    }

    /** Sends the call now or queues it for the next connection; returns the failure that ended it, if any. */
    private InvocationException dispatch(PendingCall<?> call) {
        EngineLink link = connected;
        if (link == null) {
            synchronized (lock) {
                link = connected;
                if (link == null) {
                    String full = offline.add(call);
                    if (full == null) {
                        return null;
                    }
                    return end(call, new InvocationException(ErrorCode.OFFLINE_QUEUE_FULL, "The call to "
                            + call.functionId + " cannot wait for the connection: " + full, call.functionId, null,
                            null));
                }
            }
        }
        return send(call, link, true);
    }

    /** @param here whether an idle writer starts writing on this thread: only when it holds no lock */
    private InvocationException send(PendingCall<?> call, EngineLink link, boolean here) {
        byte[] frame = call.frame;
        call.sentOn = link;
        try {
            if (here ? link.sendNow(frame) : link.send(frame)) {
                call.frame = null;
                return null;
            }
        }
        catch (FrameWriter.QueueFullException ex) {
            return end(call, new InvocationException(ErrorCode.SEND_QUEUE_FULL, "The call to " + call.functionId
                    + " was not sent: " + ex.getMessage(), call.functionId, null, null));
        }
        // The link closed under us: the call waits for the next one instead.
        call.sentOn = null;
        synchronized (lock) {
            String full = offline.add(call);
            if (full != null) {
                return end(call, new InvocationException(ErrorCode.OFFLINE_QUEUE_FULL, "The call to "
                        + call.functionId + " cannot wait for the connection: " + full, call.functionId, null, null));
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- results and endings

    /** A result arrived; called on the socket's thread, so the future is completed elsewhere. */
    public void complete(InvocationResult result) {
        PendingCall<?> call = awaitingResult.remove(result.invocationId());
        if (call == null) {
            log.debug("dropped a result for an unknown, expired or cancelled call {}", result.invocationId());
            return;
        }
        onCompletionThread(() -> call.finish(result));
    }

    /** Ends a call with an error, once: removes it wherever it waits. */
    private InvocationException end(PendingCall<?> call, InvocationException error) {
        awaitingResult.remove(call.id);
        if (call.frame != null) {
            synchronized (lock) {
                offline.remove(call);
            }
        }
        if (call.expectsResult()) {
            onCompletionThread(() -> call.fail(error));
        }
        return error;
    }

    /** A cancelled call: nothing to complete, only to forget. */
    private void forget(UUID id) {
        PendingCall<?> call = awaitingResult.remove(id);
        if (call != null && call.frame != null) {
            synchronized (lock) {
                offline.remove(call);
            }
        }
    }

    private void onCompletionThread(Runnable completion) {
        try {
            completions.execute(completion);
        }
        catch (RejectedExecutionException ex) {
            // After shutdown there is no pool left; the continuations run here instead.
            completion.run();
        }
    }

    private boolean hasDeadlines() {
        if (!awaitingResult.isEmpty()) {
            return true;
        }
        synchronized (lock) {
            return !offline.isEmpty();
        }
    }

    /** Runs on the timer: ends the calls whose time ran out. */
    private void expireDue() {
        long now = System.nanoTime();
        for (PendingCall<?> call : awaitingResult.values()) {
            if (call.isDue(now)) {
                long ms = Duration.ofNanos(now - call.deadlineNanos).toMillis();
                end(call, new InvocationException(ErrorCode.TIMEOUT, "No result from " + call.functionId
                        + " within its timeout" + (ms > 0 ? " (" + ms + " ms ago)" : ""), call.functionId, null, null));
            }
        }
        List<PendingCall<?>> droppedVoid;
        synchronized (lock) {
            droppedVoid = offline.removeDue(now);
        }
        for (PendingCall<?> call : droppedVoid) {
            if (!call.expectsResult()) {
                log.warn("Dropped a void call to {}: no connection to the engine within its timeout", call.functionId);
            }
        }
    }

    // ---------------------------------------------------------------- connections

    /** The engine confirmed a link: the offline queue goes out on it, in order, before any newer call. */
    @Override
    public void connected(EngineLink link) {
        List<PendingCall<?>> queued;
        synchronized (lock) {
            queued = offline.drain();
            long now = System.nanoTime();
            for (PendingCall<?> call : queued) {
                if (!call.isDue(now)) {
                    send(call, link, false);
                }
                else if (!call.expectsResult()) {
                    log.warn("Dropped a void call to {}: no connection to the engine within its timeout",
                            call.functionId);
                }
            }
            connected = link;
        }
        if (!queued.isEmpty()) {
            log.debug("sent {} call(s) that waited for the connection", queued.size());
        }
    }

    /** Calls sent on a lost link can no longer be answered. */
    @Override
    public void lost(EngineLink link) {
        synchronized (lock) {
            if (connected == link) {
                connected = null;
            }
        }
        for (PendingCall<?> call : awaitingResult.values()) {
            if (call.sentOn == link) {
                end(call, new InvocationException(ErrorCode.CONNECTION_LOST, "The connection to the engine was lost "
                        + "before " + call.functionId + " answered", call.functionId, null, null));
            }
        }
    }

    /** The worker gave up: waiting calls end with the cause's code, later ones are refused as after shutdown. */
    @Override
    public void failed(Throwable cause) {
        String code = cause instanceof InvocationException invocation ? invocation.getCode() : ErrorCode.SHUTDOWN;
        close(code, cause.getMessage());
    }

    /**
     * Ends every waiting call with {@code code}, and refuses new calls from now on with
     * {@link ErrorCode#SHUTDOWN} and the same message.
     */
    public void close(String code, String message) {
        InvocationException reason = new InvocationException(code, message);
        closed = new InvocationException(ErrorCode.SHUTDOWN, message);
        List<PendingCall<?>> queued;
        synchronized (lock) {
            connected = null;
            queued = offline.drain();
        }
        for (PendingCall<?> call : queued) {
            end(call, reason(reason, call));
        }
        for (PendingCall<?> call : awaitingResult.values()) {
            end(call, reason(reason, call));
        }
    }

    private static InvocationException reason(InvocationException reason, PendingCall<?> call) {
        return new InvocationException(reason.getCode(), reason.getMessage(), call.functionId, null, null);
    }

    /** Calls waiting for their result, sent or still waiting for a connection (void calls wait for none). */
    public int pending() {
        return awaitingResult.size();
    }
}
