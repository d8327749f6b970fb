package dev.iii.sdk;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.iii.protocol.Message;
import dev.iii.protocol.MessageCodec;
import org.apache.tomcat.websocket.WsWebSocketContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * Keeps a worker connected: opens the socket, retries with the reconnect policy, pings and drops a silent
 * connection, and owns the {@link ConnectionState}. What happens on a connection (replay, frames, lost
 * calls) is the worker's business, reported through {@link Worker}.
 */
final class ConnectionSupervisor implements EngineSocketHandler.Events {

    /** The worker's side of the connection. */
    interface Worker {
        /** A socket opened: replay everything, {@link #attach}, and later {@link #ready}. */
        void opened(EngineConnection connection);

        void received(EngineConnection connection, Message message);

        void lost(EngineConnection connection);

        void failed(Throwable cause);
    }

    private static final Logger log = LoggerFactory.getLogger(ConnectionSupervisor.class);

    /** Tomcat reads its client handshake timeout from this user property. */
    private static final String TOMCAT_IO_TIMEOUT = "org.apache.tomcat.websocket.IO_TIMEOUT_MS";
    /** The container buffers this much of a text frame before handing over a part. */
    private static final int CONTAINER_TEXT_BUFFER = 64 * 1024;
    private static final int SEND_TIME_LIMIT_MS = 10_000;
    private static final int SEND_BUFFER_LIMIT = 512 * 1024 * 1024;

    private final WorkerOptions options;
    private final MessageCodec codec;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService events;
    private final Worker worker;
    private final StandardWebSocketClient client;
    private final List<ConnectionStateListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();

    private final Object lock = new Object();
    private ConnectionState state = ConnectionState.DISCONNECTED;
    private volatile EngineConnection current;
    private long currentAttempt;
    private int retry;
    private boolean started;
    private boolean stopped;
    private boolean everConnected;
    private ScheduledFuture<?> pendingRetry;
    private volatile Throwable lastError;

    ConnectionSupervisor(WorkerOptions options, MessageCodec codec, ScheduledExecutorService scheduler,
            ExecutorService events, Worker worker) {
        this.options = options;
        this.codec = codec;
        this.scheduler = scheduler;
        this.events = events;
        this.worker = worker;
        WsWebSocketContainer container = new WsWebSocketContainer();
        container.setDefaultMaxTextMessageBufferSize(CONTAINER_TEXT_BUFFER);
        this.client = new StandardWebSocketClient(container);
        this.client.setUserProperties(Map.of(TOMCAT_IO_TIMEOUT, String.valueOf(options.connectTimeout().toMillis())));
    }

    void start() {
        synchronized (lock) {
            if (started || stopped) {
                return;
            }
            started = true;
            setState(ConnectionState.CONNECTING, null);
        }
        connect();
    }

    /** The open, replayed connection, or {@code null}. */
    EngineConnection connection() {
        return current;
    }

    ConnectionState state() {
        synchronized (lock) {
            return state;
        }
    }

    Throwable lastError() {
        return lastError;
    }

    long reconnectCount() {
        return reconnects.get();
    }

    Runnable addListener(ConnectionStateListener listener) {
        synchronized (lock) {
            listeners.add(listener);
            ConnectionState now = state;
            events.execute(() -> notify(listener, now, null));
        }
        return () -> listeners.remove(listener);
    }

    private void connect() {
        long attempt;
        synchronized (lock) {
            if (stopped) {
                return;
            }
            attempt = attempts.incrementAndGet();
            currentAttempt = attempt;
        }
        log.debug("connecting to {} (attempt {})", options.url(), attempt);
        WebSocketHttpHeaders headers = new WebSocketHttpHeaders();
        options.headers().forEach(headers::add);
        EngineSocketHandler handler = new EngineSocketHandler(attempt, codec, options.maxMessageSize(), this);
        CompletableFuture<WebSocketSession> future;
        try {
            future = client.execute(handler, headers, options.url());
        }
        catch (RuntimeException ex) {
            connectFailed(attempt, ex);
            return;
        }
        // Tomcat bounds the handshake itself; this guards against a connect that never reports back.
        future.orTimeout(options.connectTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS)
                .whenComplete((session, error) -> {
                    if (error != null) {
                        connectFailed(attempt, error);
                    }
                });
    }

    private void connectFailed(long attempt, Throwable error) {
        synchronized (lock) {
            if (stopped || attempt != currentAttempt || current != null) {
                return;
            }
            lastError = error;
            log.debug("connection attempt {} to {} failed: {}", attempt, options.url(), error.toString());
            scheduleRetry(error);
        }
    }

    private void scheduleRetry(Throwable cause) {
        ReconnectPolicy policy = options.reconnectPolicy();
        if (!policy.allowsAttempt(retry)) {
            IllegalStateException gaveUp = new IllegalStateException(
                    "Gave up connecting to " + options.url() + " after " + retry + " retries", cause);
            failLocked(gaveUp);
            return;
        }
        Duration delay = policy.delayBefore(retry++, ThreadLocalRandom.current().nextDouble());
        setState(everConnected ? ConnectionState.RECONNECTING : ConnectionState.CONNECTING, cause);
        log.debug("retrying in {} ms", delay.toMillis());
        pendingRetry = scheduler.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public EngineConnection opened(EngineSocketHandler handler, WebSocketSession session) {
        WebSocketSession serialized = new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MS,
                SEND_BUFFER_LIMIT);
        EngineConnection connection = new EngineConnection(handler.attempt(), serialized, codec);
        synchronized (lock) {
            if (stopped || handler.attempt() != currentAttempt) {
                connection.close(CloseStatus.NORMAL);
                return null;
            }
        }
        worker.opened(connection);
        return connection;
    }

    /**
     * Called by the worker once the replay of {@code connection} is sent, while it still holds its own lock,
     * so that nothing registered meanwhile can miss both the replay and the live connection. From here on
     * frames go out on this connection; the state becomes {@code CONNECTED} on {@link #ready}.
     *
     * @return {@code false} when the supervisor stopped in between; the connection is then closed
     */
    boolean attach(EngineConnection connection) {
        synchronized (lock) {
            if (stopped || connection.number() != currentAttempt || !connection.isOpen()) {
                connection.close(CloseStatus.NORMAL);
                return false;
            }
            current = connection;
            long period = options.pingInterval().toMillis();
            connection.keepalive(scheduler.scheduleAtFixedRate(() -> keepalive(connection), period, period,
                    TimeUnit.MILLISECONDS));
        }
        return true;
    }

    /** The engine has applied the connection's registrations: the worker is connected. */
    void ready(EngineConnection connection) {
        synchronized (lock) {
            if (stopped || connection != current || state == ConnectionState.CONNECTED) {
                return;
            }
            if (everConnected) {
                reconnects.incrementAndGet();
            }
            everConnected = true;
            retry = 0;
            lastError = null;
            setState(ConnectionState.CONNECTED, null);
        }
        log.info("Connected to iii engine at {}", options.url());
    }

    private void keepalive(EngineConnection connection) {
        if (connection.nanosSinceLastInbound() > options.idleTimeout().toNanos()) {
            log.warn("No frame from the engine for {} ms; dropping the connection to reconnect",
                    options.idleTimeout().toMillis());
            events.execute(() -> connection.close(CloseStatus.SESSION_NOT_RELIABLE));
            closed(connection, CloseStatus.SESSION_NOT_RELIABLE, null);
            return;
        }
        connection.ping();
    }

    @Override
    public void received(EngineConnection connection, Message message) {
        worker.received(connection, message);
    }

    @Override
    public void closed(EngineConnection connection, CloseStatus status, Throwable error) {
        if (!connection.reportClosed()) {
            return;
        }
        boolean wasCurrent;
        synchronized (lock) {
            wasCurrent = connection == current;
            if (wasCurrent) {
                current = null;
            }
            else if (connection.number() == currentAttempt && !stopped) {
                // Closed during its replay, before it became current: retry as for a failed connect.
                currentAttempt = -1;
                scheduleRetry(error);
                return;
            }
        }
        connection.close(CloseStatus.NORMAL);
        if (!wasCurrent) {
            return;
        }
        log.info("Connection to iii engine lost ({}{})", status.getCode(),
                status.getReason() != null ? " " + status.getReason() : "");
        worker.lost(connection);
        synchronized (lock) {
            if (!stopped) {
                lastError = error;
                scheduleRetry(error);
            }
        }
    }

    /** Gives up for good: no more reconnects. */
    void fail(Throwable cause) {
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
        cancelRetry();
        EngineConnection connection = current;
        current = null;
        setState(ConnectionState.FAILED, cause);
        log.error("iii worker failed and will not reconnect: {}", cause.getMessage());
        events.execute(() -> {
            if (connection != null) {
                connection.close(CloseStatus.NORMAL);
            }
            worker.failed(cause);
        });
    }

    /** Closes the connection normally and stops reconnecting. */
    void stop() {
        EngineConnection connection;
        synchronized (lock) {
            if (stopped && state != ConnectionState.FAILED) {
                return;
            }
            boolean failed = state == ConnectionState.FAILED;
            stopped = true;
            cancelRetry();
            connection = current;
            current = null;
            if (!failed) {
                setState(ConnectionState.DISCONNECTED, null);
            }
        }
        if (connection != null) {
            connection.close(CloseStatus.NORMAL);
            log.info("Disconnected from iii engine at {}", options.url());
        }
    }

    private void cancelRetry() {
        if (pendingRetry != null) {
            pendingRetry.cancel(false);
            pendingRetry = null;
        }
    }

    private void setState(ConnectionState next, Throwable cause) {
        if (state == next) {
            return;
        }
        state = next;
        log.debug("connection state {}", next);
        for (ConnectionStateListener listener : listeners) {
            events.execute(() -> notify(listener, next, cause));
        }
    }

    private static void notify(ConnectionStateListener listener, ConnectionState state, Throwable cause) {
        try {
            listener.stateChanged(state, cause);
        }
        catch (RuntimeException ex) {
            log.warn("Connection state listener failed", ex);
        }
    }
}
