package dev.iii.sdk.internal.session;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.iii.protocol.EngineError;
import dev.iii.protocol.FrameHead;
import dev.iii.protocol.Message;
import dev.iii.protocol.Ping;
import dev.iii.protocol.Pong;
import dev.iii.protocol.RawJson;
import dev.iii.protocol.Reattach;
import dev.iii.protocol.RegistrationRejected;
import dev.iii.protocol.WorkerRegistered;
import dev.iii.sdk.ConnectionState;
import dev.iii.sdk.ConnectionStateListener;
import dev.iii.sdk.RegistrationRejectedException;
import dev.iii.sdk.WorkerOptions;
import dev.iii.sdk.internal.transport.ConnectionListener;
import dev.iii.sdk.internal.transport.EngineLink;
import dev.iii.sdk.internal.transport.LinkEvents;
import dev.iii.sdk.internal.transport.WebSocketConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the worker connected, one link at a time, and owns the {@link ConnectionState}: it connects, runs
 * each link's handshake (reattach, the metadata call, the replay, a JSON ping; §4.2, §4.6), pings and drops
 * a silent link, and after any failure (a refused attempt, a close of any code, a handshake that is not
 * answered) tries again with backoff until stopped or failed. What the rest of the worker does with a link
 * it learns as a {@link ConnectionListener}; the frames the session does not handle itself go to the
 * {@link FrameRouter}.
 */
public final class EngineSession implements LinkEvents {

    /** The frames of a link that are not the session's business. */
    public interface FrameRouter {
        void route(EngineLink link, Message message);

        void undecodable(EngineLink link, FrameHead head, String reason);
    }

    /** Sends the metadata call on a link and completes when it is answered, whatever the answer. */
    public interface MetadataCall {
        CompletableFuture<?> send(EngineLink link, String functionId, RawJson payload, Duration timeout);
    }

    private static final Logger log = LoggerFactory.getLogger(EngineSession.class);
    private static final int NORMAL_CLOSURE = 1000;
    private static final int GOING_AWAY = 1001;

    private final WorkerOptions options;
    private final WebSocketConnector connector;
    private final ScheduledExecutorService timer;
    private final MetadataCall metadataCall;
    private final RawJson metadata;
    private final FrameRouter router;
    private final List<ConnectionListener> listeners;
    private final Redaction redaction;
    private final StateHolder state;
    private final Backoff backoff;
    private final ConnectFailures failures;
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();

    private final Object lock = new Object();
    private boolean started;
    private boolean stopped;
    private boolean everConnected;
    private long currentAttempt;
    private Handshake handshake;
    private volatile EngineLink current;
    private ScheduledFuture<?> retry;
    private ScheduledFuture<?> keepalive;
    private ScheduledFuture<?> handshakeTimeout;
    private volatile String workerId;
    private String previousWorkerId;
    private String previousReattachToken;
    private volatile Throwable lastError;

    public EngineSession(WorkerOptions options, WebSocketConnector connector, ScheduledExecutorService timer,
            java.util.concurrent.Executor events, MetadataCall metadataCall, RawJson metadata, FrameRouter router,
            List<ConnectionListener> listeners, Redaction redaction) {
        this.options = options;
        this.connector = connector;
        this.timer = timer;
        this.metadataCall = metadataCall;
        this.metadata = metadata;
        this.router = router;
        this.listeners = List.copyOf(listeners);
        this.redaction = redaction;
        this.state = new StateHolder(events);
        this.backoff = new Backoff(options.reconnectPolicy());
        this.failures = new ConnectFailures(options.safeUrl());
    }

    /** Starts connecting; does nothing when already started or stopped. */
    public void start() {
        synchronized (lock) {
            if (started || stopped) {
                return;
            }
            started = true;
            state.set(ConnectionState.CONNECTING, null);
        }
        connect();
    }

    // ---------------------------------------------------------------- queries

    public ConnectionState state() {
        return state.get();
    }

    /** The link the engine confirmed, or {@code null} while there is none. */
    public EngineLink connectedLink() {
        return current;
    }

    /** The engine's id for the current connection; empty while disconnected. */
    public Optional<String> workerId() {
        return Optional.ofNullable(workerId);
    }

    /** The last connection failure, its message free of credentials; cleared on a successful connection. */
    public Optional<Throwable> lastError() {
        return Optional.ofNullable(lastError);
    }

    public long reconnectCount() {
        return reconnects.get();
    }

    /** Adds a state listener; it is told the current state at once. @return removes it */
    public Runnable addStateListener(ConnectionStateListener listener) {
        synchronized (lock) {
            return state.add(listener);
        }
    }

    // ---------------------------------------------------------------- connecting

    private void connect() {
        long attempt;
        synchronized (lock) {
            if (stopped) {
                return;
            }
            attempt = attempts.incrementAndGet();
            currentAttempt = attempt;
            retry = null;
        }
        log.debug("connecting to {} (attempt {})", options.safeUrl(), attempt);
        connector.connect(attempt, this);
    }

    @Override
    public void connectFailed(long attempt, Throwable error) {
        synchronized (lock) {
            if (stopped || attempt != currentAttempt || handshake != null || current != null) {
                return;
            }
            retryLater(error, attempt, false);
        }
    }

    @Override
    public void opened(EngineLink link) {
        Handshake started;
        synchronized (lock) {
            if (stopped || link.number() != currentAttempt) {
                link.abort(NORMAL_CLOSURE, "superseded");
                return;
            }
            started = new Handshake(link);
            handshake = started;
            long period = options.pingInterval().toMillis();
            keepalive = timer.scheduleAtFixedRate(() -> keepalive(link), period, period, TimeUnit.MILLISECONDS);
            handshakeTimeout = timer.schedule(() -> handshakeTimedOut(started), options.connectTimeout().toMillis(),
                    TimeUnit.MILLISECONDS);
            if (previousWorkerId != null) {
                link.send(new Reattach(previousWorkerId, previousReattachToken));
            }
        }
        metadataCall.send(link, WorkerMetadata.REGISTER_WORKER, metadata, options.connectTimeout())
                .whenComplete((result, error) -> {
                    if (error != null && link.isOpen()) {
                        log.warn("The iii engine did not accept this worker's metadata ({}); its registrations apply "
                                + "in namespace default once the engine's grace period ends",
                                redaction.clean(rootMessage(error)));
                    }
                    started.metadataAnswered();
                });
        listeners.forEach(listener -> listener.attached(link));
        link.send(new Ping());
        started.done().thenRun(() -> handshakeDone(started));
    }

    private void handshakeDone(Handshake done) {
        synchronized (lock) {
            if (stopped || handshake != done || !done.link.isOpen()) {
                return;
            }
            handshake = null;
            cancel(handshakeTimeout);
            current = done.link;
            if (everConnected) {
                reconnects.incrementAndGet();
            }
            everConnected = true;
            lastError = null;
            backoff.connected();
            failures.recovered();
            state.set(ConnectionState.CONNECTED, null);
        }
        log.info("Connected to the iii engine at {} as worker {}", options.safeUrl(), workerId);
        listeners.forEach(listener -> listener.connected(done.link));
    }

    private void handshakeTimedOut(Handshake late) {
        synchronized (lock) {
            if (handshake != late) {
                return;
            }
        }
        log.warn("The iii engine at {} accepted the connection but did not answer its handshake within {} ms; "
                + "dropping it to try again", options.safeUrl(), options.connectTimeout().toMillis());
        late.link.abort(GOING_AWAY, "handshake not answered");
        closed(late.link, GOING_AWAY, "the engine did not answer the handshake", null);
    }

    private void keepalive(EngineLink link) {
        if (link.nanosSinceLastInbound() > options.idleTimeout().toNanos()) {
            log.warn("No frame from the iii engine for {} ms; dropping the connection to reconnect",
                    options.idleTimeout().toMillis());
            link.abort(GOING_AWAY, "engine silent");
            closed(link, GOING_AWAY, "no frame from the engine for " + options.idleTimeout().toMillis() + " ms", null);
            return;
        }
        link.ping();
    }

    // ---------------------------------------------------------------- frames

    @Override
    public void received(EngineLink link, Message message) {
        if (message instanceof Pong) {
            Handshake pending = handshake;
            if (pending != null && pending.link == link) {
                pending.pong();
            }
        }
        else if (message instanceof Ping) {
            link.send(new Pong());
        }
        else if (message instanceof WorkerRegistered registered) {
            synchronized (lock) {
                workerId = registered.workerId();
                previousWorkerId = registered.workerId();
                previousReattachToken = registered.reattachToken();
            }
            log.debug("the engine knows {} as worker {}", link, registered.workerId());
        }
        else if (message instanceof RegistrationRejected rejected
                && RegistrationRejected.WORKER_NAMESPACE_CONFLICT.equals(rejected.code())) {
            // The engine closes the connection after it; another attempt would be refused again.
            fail(new RegistrationRejectedException(rejected.code(), rejected.namespace(), rejected.functionId(),
                    rejected.workerName(), rejected.ownerWorkerId()));
        }
        else if (message instanceof EngineError error) {
            log.error("The iii engine refused the connection: {} {}", error.error().code(),
                    redaction.clean(error.error().message()));
        }
        else {
            router.route(link, message);
        }
    }

    @Override
    public void undecodable(EngineLink link, FrameHead head, String reason) {
        router.undecodable(link, head, reason);
    }

    // ---------------------------------------------------------------- losing, stopping, failing

    @Override
    public void closed(EngineLink link, int code, String reason, Throwable error) {
        boolean wasConnected;
        synchronized (lock) {
            wasConnected = link == current;
            boolean wasHandshaking = handshake != null && handshake.link == link;
            if (!wasConnected && !wasHandshaking) {
                return;
            }
            if (wasConnected) {
                current = null;
            }
            handshake = null;
            workerId = null;
            cancel(keepalive);
            cancel(handshakeTimeout);
        }
        listeners.forEach(listener -> listener.lost(link));
        synchronized (lock) {
            if (stopped) {
                return;
            }
            String why = code + (reason != null && !reason.isEmpty() ? " " + redaction.clean(reason) : "");
            retryLater(error != null ? error : new IllegalStateException("the engine closed the connection (" + why
                    + ")"), link.number(), wasConnected);
        }
    }

    /**
     * Under the lock: counts the failure and schedules the next attempt, or gives up.
     *
     * @param wasConnected whether a confirmed connection was lost (reported once at INFO), rather than an
     *                     attempt that failed (reported by {@link ConnectFailures})
     */
    private void retryLater(Throwable cause, long attempt, boolean wasConnected) {
        backoff.ended();
        lastError = new ConnectionFailureException(redaction.clean(ConnectFailures.describe(cause)));
        if (!backoff.allowsRetry()) {
            failLocked(new ConnectionFailureException("Gave up connecting to the iii engine at " + options.safeUrl()
                    + " after " + backoff.failures() + " failed attempt(s): " + lastError.getMessage()));
            return;
        }
        Duration delay = backoff.nextDelay();
        state.set(everConnected ? ConnectionState.RECONNECTING : ConnectionState.CONNECTING, lastError);
        if (wasConnected) {
            log.info("Connection to the iii engine lost: {}; reconnecting in {} ms", lastError.getMessage(),
                    delay.toMillis());
        }
        else {
            failures.failed(attempt, cause, delay.toMillis());
        }
        try {
            retry = timer.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (RejectedExecutionException ex) {
            log.debug("no retry: the worker's timer is shut down");
        }
    }

    /**
     * Closes the connection normally once everything queued on it is written, and stops reconnecting.
     *
     * @return the link being closed, or {@code null}
     */
    public EngineLink stop() {
        EngineLink link;
        synchronized (lock) {
            if (stopped) {
                return null;
            }
            stopped = true;
            cancel(retry);
            cancel(keepalive);
            cancel(handshakeTimeout);
            link = current != null ? current : handshake != null ? handshake.link : null;
            current = null;
            handshake = null;
            workerId = null;
            state.set(ConnectionState.DISCONNECTED, null);
        }
        if (link != null) {
            link.close(NORMAL_CLOSURE, "worker shut down");
            log.info("Disconnected from the iii engine at {}", options.safeUrl());
        }
        return link;
    }

    /** Gives up for good: no more reconnects; the cause is the worker's failure. */
    public void fail(Throwable cause) {
        synchronized (lock) {
            failLocked(cause);
        }
    }

    private void failLocked(Throwable cause) {
        if (stopped) {
            return;
        }
        stopped = true;
        lastError = cause;
        cancel(retry);
        cancel(keepalive);
        cancel(handshakeTimeout);
        EngineLink link = current != null ? current : handshake != null ? handshake.link : null;
        current = null;
        handshake = null;
        workerId = null;
        state.set(ConnectionState.FAILED, cause);
        log.error("The iii worker failed and will not reconnect: {}", cause.getMessage());
        if (link != null) {
            link.abort(NORMAL_CLOSURE, "worker failed");
        }
        listeners.forEach(listener -> listener.failed(cause));
    }

    private static void cancel(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.toString();
    }
}
