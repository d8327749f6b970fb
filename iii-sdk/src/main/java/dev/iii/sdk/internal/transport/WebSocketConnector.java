package dev.iii.sdk.internal.transport;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLContext;

import dev.iii.protocol.MessageCodec;
import org.apache.tomcat.websocket.WsWebSocketContainer;
import org.springframework.core.task.support.TaskExecutorAdapter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;

/**
 * Opens sockets to the engine with Spring's {@link StandardWebSocketClient} on Tomcat's JSR-356 client, one
 * {@link EngineLink} per attempt, and the sockets of data channel ends with the same handshake headers and TLS:
 * write ends through the same client ({@link #open}), read ends on the JDK's client ({@link #openDemanded}),
 * which reads the network only as far as it is asked to. Credentials in the URL's user info travel as a Basic
 * {@code Authorization} header (as browsers and Node's {@code ws} send them) and the URL itself is never logged.
 */
public final class WebSocketConnector {

    /** Tomcat reads its client handshake timeout from this user property. */
    private static final String HANDSHAKE_TIMEOUT = "org.apache.tomcat.websocket.IO_TIMEOUT_MS";
    /** ...and how long one blocking write may take before the socket counts as broken. */
    private static final String SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";
    private static final long SEND_TIMEOUT_MS = 10_000;
    /** The container hands text frames over in parts of at most this size. */
    private static final int CONTAINER_TEXT_BUFFER = 64 * 1024;
    /** ...and binary frames: a data channel's frames (64 KiB from every SDK) arrive whole. */
    private static final int CONTAINER_BINARY_BUFFER = 64 * 1024;
    /**
     * Tomcat logs every failed client write with its stack trace at WARNING, some 40 lines each time an engine
     * goes away; the worker reports the lost connection itself, once, in words. Held so the level sticks.
     */
    private static final java.util.logging.Logger TOMCAT_WRITE_FAILURES = quiet(
            "org.apache.tomcat.websocket.WsRemoteEndpointImplClient");

    private final URI url;
    private final Map<String, String> headers;
    private final Duration connectTimeout;
    private final int maxMessageBytes;
    private final long sendQueueLimit;
    private final Executor io;
    private final MessageCodec codec = new MessageCodec();
    private final AtomicLong refusedFrames = new AtomicLong();
    private final QuietClient client;
    private final SSLContext sslContext;
    // guarded by this
    private HttpClient demandedClient;

    /** @param sslContext trust for {@code wss://}, or {@code null} for the JVM's default */
    public WebSocketConnector(URI url, Map<String, String> headers, Duration connectTimeout, int maxMessageBytes,
            long sendQueueLimit, SSLContext sslContext, Executor io) {
        this.url = withoutUserInfo(url);
        this.headers = withBasicAuthorization(url, headers);
        this.connectTimeout = connectTimeout;
        this.maxMessageBytes = maxMessageBytes;
        this.sendQueueLimit = sendQueueLimit;
        this.io = io;
        this.sslContext = sslContext;
        WsWebSocketContainer container = new WsWebSocketContainer();
        container.setDefaultMaxTextMessageBufferSize(CONTAINER_TEXT_BUFFER);
        container.setDefaultMaxBinaryMessageBufferSize(CONTAINER_BINARY_BUFFER);
        this.client = new QuietClient(container);
        this.client.setTaskExecutor(new TaskExecutorAdapter(io));
        if (sslContext != null) {
            this.client.setSslContext(sslContext);
        }
        this.client.setUserProperties(Map.of(HANDSHAKE_TIMEOUT, String.valueOf(connectTimeout.toMillis()),
                SEND_TIMEOUT, String.valueOf(SEND_TIMEOUT_MS)));
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.SEVERE);
        return logger;
    }

    private static URI withoutUserInfo(URI url) {
        if (url.getRawUserInfo() == null) {
            return url;
        }
        try {
            return new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(), url.getQuery(),
                    url.getFragment());
        }
        catch (URISyntaxException ex) {
            throw new IllegalArgumentException("url cannot be used without its user info", ex);
        }
    }

    private static Map<String, String> withBasicAuthorization(URI url, Map<String, String> headers) {
        boolean configured = headers.keySet().stream().anyMatch("Authorization"::equalsIgnoreCase);
        if (url.getUserInfo() == null || configured) {
            return headers;
        }
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString(url.getUserInfo().getBytes(StandardCharsets.UTF_8)));
        return Map.copyOf(all);
    }

    /** The engine URL without its user info: where data channel sockets are opened too. */
    public URI url() {
        return url;
    }

    /** The I/O executor: writers' drain tasks, connection attempts, closes. */
    public Executor io() {
        return io;
    }

    /**
     * Opens a socket to {@code target} (a data channel's write end on the engine's host) with the worker's
     * handshake headers and TLS. The target carries an access key: it is never logged.
     */
    public CompletableFuture<WebSocketSession> open(URI target, WebSocketHandler handler) {
        WebSocketHttpHeaders handshake = new WebSocketHttpHeaders();
        headers.forEach(handshake::add);
        try {
            return client.open(handler, handshake, target)
                    .orTimeout(connectTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        }
        catch (RuntimeException ex) {
            return CompletableFuture.failedFuture(ex);
        }
    }

    /**
     * Opens a socket to {@code target} on the JDK's client, with the worker's handshake headers and TLS: for a
     * socket read only as far as {@code listener} asks ({@link WebSocket#request}). The target carries an access
     * key: it is never logged.
     */
    public CompletableFuture<WebSocket> openDemanded(URI target, WebSocket.Listener listener) {
        try {
            WebSocket.Builder builder = demandedClient().newWebSocketBuilder().connectTimeout(connectTimeout);
            headers.forEach(builder::header);
            return builder.buildAsync(target, listener).orTimeout(connectTimeout.toMillis() + 1000,
                    TimeUnit.MILLISECONDS);
        }
        catch (RuntimeException ex) {
            return CompletableFuture.failedFuture(ex);
        }
    }

    /** The JDK's client, made on first use: a worker without data channels never starts its selector thread. */
    private synchronized HttpClient demandedClient() {
        if (demandedClient == null) {
            HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(connectTimeout);
            if (sslContext != null) {
                builder.sslContext(sslContext);
            }
            demandedClient = builder.build();
        }
        return demandedClient;
    }

    /** Frames refused on any of the links so far because their send queue was full. */
    public long refusedFrames() {
        return refusedFrames.get();
    }

    /**
     * Starts connection attempt {@code attempt}; its outcome reaches {@code events}: {@code opened}, then frames
     * and {@code closed}, or {@code connectFailed}. Never blocks.
     */
    public void connect(long attempt, LinkEvents events) {
        WebSocketHttpHeaders handshake = new WebSocketHttpHeaders();
        headers.forEach(handshake::add);
        EngineSocketHandler handler = new EngineSocketHandler(attempt, codec, maxMessageBytes, sendQueueLimit,
                refusedFrames, io, events);
        CompletableFuture<WebSocketSession> session;
        try {
            session = client.open(handler, handshake, url);
        }
        catch (RuntimeException ex) {
            events.connectFailed(attempt, ex);
            return;
        }
        // Tomcat bounds the handshake itself; this guards against a connect that never reports back.
        session.orTimeout(connectTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS).whenComplete((open, error) -> {
            if (error != null) {
                events.connectFailed(attempt, error);
            }
        });
    }

    /**
     * Spring's client without the DEBUG line that prints the URL it connects to, query string included; the
     * URL was checked when the worker's options were built.
     */
    private static final class QuietClient extends StandardWebSocketClient {

        QuietClient(WsWebSocketContainer container) {
            super(container);
        }

        CompletableFuture<WebSocketSession> open(WebSocketHandler handler, WebSocketHttpHeaders headers, URI url) {
            HttpHeaders plain = new HttpHeaders();
            headers.forEach(plain::put);
            return executeInternal(handler, plain, url, List.of(), List.of(), Map.of());
        }
    }
}
