package dev.iii.sdk.internal.session;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
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
import dev.iii.protocol.RegistrationRejected;
import dev.iii.protocol.WorkerRegistered;
import dev.iii.sdk.ConnectionState;
import dev.iii.sdk.ConnectionStateListener;
import dev.iii.sdk.EngineFeatures;
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
 * {@link LinkFrames}.
 */
public final class EngineSession implements LinkEvents {

    private static final Logger log = LoggerFactory.getLogger(EngineSession.class);
    private static final int NORMAL_CLOSURE = 1000;
    private static final int GOING_AWAY = 1001;

    private final WorkerOptions options;
    private final WebSocketConnector connector;
    private final ScheduledExecutorService timer;
    private final MetadataCall metadataCall;
    private final RawJson metadata;
    private final LinkFrames router;
    private final List<ConnectionListener> listeners;
    private final Redaction redaction;
    private final StateHolder state;
    private final Backoff backoff;
    private final NameConflictGrace nameConflicts;
    private final ConnectFailures failures;
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();

    private final Object lock = new Object();
    private boolean started;
    private boolean stopped;
    private boolean everConnected;
    private long currentAttempt;
    private volatile Handshake handshake;
    private volatile EngineLink current;
    private ScheduledFuture<?> retry;
    private LinkWatch watch;
    private final WorkerIdentity identity = new WorkerIdentity();
    private volatile Throwable lastError;

    public EngineSession(WorkerOptions options, WebSocketConnector connector, ScheduledExecutorService timer,
            Executor events, MetadataCall metadataCall, RawJson metadata, LinkFrames router,
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
        this.nameConflicts = new NameConflictGrace(options.nameConflictGrace());
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

    /** The engine's id for the current connection; empty while disconnected. */
    public Optional<String> workerId() {
        return identity.current();
    }

    /** The features the current connection's engine offered; {@link EngineFeatures#NONE} while disconnected. */
    public EngineFeatures engineFeatures() {
        return identity.features();
    }

    /** The last connection failure, its message free of credentials; cleared on a successful connection. */
    public Optional<Throwable> lastError() {
        return Optional.ofNullable(lastError);
    }

    public long reconnectCount() {
        return reconnects.get();
    }

    /** Bytes waiting to be written on the link there is (connected or in its handshake); 0 without one. */
    public long sendQueueBytes() {
        Handshake pending = handshake;
        EngineLink link = current != null ? current : pending != null ? pending.link : null;
        return link == null ? 0 : link.queuedBytes();
    }

    /** Frames refused because a link's send queue was full, since the worker started. */
    public long refusedFrames() {
        return connector.refusedFrames();
    }

    /** Adds a state listener; it is told the current state at once. @return removes it */
    public Runnable addStateListener(ConnectionStateListener listener) {
        synchronized (lock) {
            return state.add(listener);
        }
    }

    /** Waits until connected; {@code false} when the time ran out or the worker failed first. */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        return state.awaitConnected(timeout, this::addStateListener);
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
            // Set before anything is sent, so that no answer can arrive before it is expected.
            started = new Handshake(link);
            handshake = started;
            watch = new LinkWatch(link, timer, options.pingInterval(), options.idleTimeout(),
                    options.connectTimeout(), options.safeUrl(), (dead, why) -> closed(dead, GOING_AWAY, why, null));
        }
        started.send(identity.reattach(), metadataCall, metadata, options.connectTimeout(), listeners, redaction);
        started.done().thenRun(() -> handshakeDone(started));
    }

    private void handshakeDone(Handshake done) {
        synchronized (lock) {
            if (stopped || handshake != done || !done.link.isOpen()) {
                return;
            }
            handshake = null;
            watch.handshakeDone();
            current = done.link;
            if (everConnected) {
                reconnects.incrementAndGet();
            }
            everConnected = true;
            lastError = null;
            backoff.connected();
            failures.recovered();
            nameConflicts.accepted();
            state.set(ConnectionState.CONNECTED, null);
        }
        log.info("Connected to the iii engine at {} as worker {}", options.safeUrl(), identity.current().orElse("?"));
        listeners.forEach(listener -> listener.connected(done.link));
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
            identity.registered(registered);
            link.registeredAs(registered.workerId());
            log.debug("the engine knows {} as worker {}", link, registered.workerId());
        }
        else if (message instanceof RegistrationRejected rejected
                && RegistrationRejected.WORKER_NAMESPACE_CONFLICT.equals(rejected.code())) {
            nameRefused(link, new RegistrationRejectedException(rejected.code(), rejected.namespace(),
                    rejected.functionId(), rejected.workerName(), rejected.ownerWorkerId()));
        }
        else if (message instanceof EngineError error) {
            log.error("The iii engine refused the connection: {} {}", error.error().code(),
                    redaction.clean(error.error().message()));
        }
        else {
            router.route(link, message);
        }
    }

    /** The engine refused the worker's name: tried again within the grace while connecting, else fatal. */
    private void nameRefused(EngineLink link, RegistrationRejectedException refusal) {
        boolean retry;
        synchronized (lock) {
            retry = handshake != null && handshake.link == link && nameConflicts.allowsRetry(refusal);
        }
        if (retry) {
            link.abort(NORMAL_CLOSURE, "worker name taken");
        }
        else {
            fail(refusal);
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
            identity.disconnected();
            watch.cancel();
        }
        listeners.forEach(listener -> listener.lost(link));
        synchronized (lock) {
            if (stopped) {
                return;
            }
            String why = code + (reason != null && !reason.isEmpty() ? " " + redaction.clean(reason) : "");
            Throwable refusal = nameConflicts.takePending();
            Throwable cause = refusal != null ? refusal : error != null ? error
                    : new IllegalStateException("the engine closed the connection (" + why + ")");
            retryLater(cause, link.number(), wasConnected);
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
            link = detachLocked();
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
        lastError = cause;
        EngineLink link = detachLocked();
        state.set(ConnectionState.FAILED, cause);
        log.error("The iii worker failed and will not reconnect: {}", cause.getMessage());
        if (link != null) {
            link.abort(NORMAL_CLOSURE, "worker failed");
        }
        listeners.forEach(listener -> listener.failed(cause));
    }

    /** Under the lock: no more attempts, timers or links; returns the link there was, if any. */
    private EngineLink detachLocked() {
        stopped = true;
        cancel(retry);
        if (watch != null) {
            watch.cancel();
        }
        EngineLink link = current != null ? current : handshake != null ? handshake.link : null;
        current = null;
        handshake = null;
        identity.disconnected();
        return link;
    }

    private static void cancel(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }
}
