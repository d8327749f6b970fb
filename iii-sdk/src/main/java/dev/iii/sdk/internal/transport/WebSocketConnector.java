package dev.iii.sdk.internal.transport;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLContext;

import dev.iii.protocol.MessageCodec;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.client.CoreClientUpgradeRequest;
import org.eclipse.jetty.websocket.core.client.WebSocketCoreClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens sockets to the engine on Jetty's WebSocket core client, one {@link EngineLink} per attempt, and the sockets
 * of data channel ends with the same handshake headers, connect timeout and TLS. Each socket is a
 * {@link JettyWebSocket}: it reads the network only as far as its listener asked ({@link WebSocket#request}), in
 * frames or parts of at most {@link #FRAME_PART} bytes, and writes with Nagle's algorithm off. (The JDK's own client,
 * used before, loses bytes that arrive right behind the upgrade response; see {@link JettyWebSocket}.) Credentials in
 * the URL's user info travel as a Basic {@code Authorization} header (as browsers and Node's {@code ws} send them)
 * and the URL itself is never logged. The client's threads ({@code iii-socket-N}, daemons) start with the first
 * socket and stop with {@link #close()}.
 */
public final class WebSocketConnector implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebSocketConnector.class);
    /** How long one write to the engine may take before the connection counts as broken. */
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);
    /** The largest part of a frame a listener is handed at once: larger frames arrive in parts of this size. */
    static final int FRAME_PART = 64 * 1024;
    /** The client's threads: its selector, and the reads it hands on; listeners never block them. */
    private static final int CLIENT_THREADS = 8;

    private final URI url;
    private final Map<String, String> headers;
    private final Duration connectTimeout;
    private final int maxMessageBytes;
    private final long sendQueueLimit;
    private final Executor io;
    private final MessageCodec codec = new MessageCodec();
    private final AtomicLong refusedFrames = new AtomicLong();
    private final WebSocketCoreClient client;
    private final Configuration.ConfigurationCustomizer socketConfiguration = new Configuration.ConfigurationCustomizer();
    // guarded by client
    private boolean closed;

    /** @param sslContext trust for {@code wss://}, or {@code null} for the JVM's default */
    public WebSocketConnector(URI url, Map<String, String> headers, Duration connectTimeout, int maxMessageBytes,
            long sendQueueLimit, SSLContext sslContext, Executor io) {
        this.url = withoutUserInfo(url);
        this.headers = withBasicAuthorization(url, headers);
        this.connectTimeout = connectTimeout;
        this.maxMessageBytes = maxMessageBytes;
        this.sendQueueLimit = sendQueueLimit;
        this.io = io;
        QueuedThreadPool threads = new QueuedThreadPool(CLIENT_THREADS, 1);
        threads.setName("iii-socket");
        // Daemons, like the worker's own threads: a worker that gave up must not keep its JVM alive.
        threads.setDaemon(true);
        threads.setReservedThreads(0);
        // One pool for the HTTP client and the sockets; without one of its own, Jetty's WebSocket core starts another.
        this.client = new WebSocketCoreClient(httpClient(threads, connectTimeout, sslContext),
                new WebSocketComponents(null, null, null, null, null, threads));
        // The engine's heartbeat, not an idle timer, decides when a quiet link is dead; limits in bytes are the
        // listeners' (the worker's max message size), so Jetty enforces none.
        socketConfiguration.setIdleTimeout(Duration.ZERO);
        socketConfiguration.setMaxFrameSize(FRAME_PART);
        socketConfiguration.setAutoFragment(true);
        socketConfiguration.setInputBufferSize(FRAME_PART);
        socketConfiguration.setMaxTextMessageSize(-1);
        socketConfiguration.setMaxBinaryMessageSize(-1);
    }

    private static HttpClient httpClient(QueuedThreadPool threads, Duration connectTimeout, SSLContext sslContext) {
        Scheduler timer = new ScheduledExecutorScheduler("iii-socket-timer", true);
        ClientConnector connector = new ClientConnector();
        connector.setExecutor(threads);
        connector.setScheduler(timer);
        connector.setSelectors(1);
        connector.setConnectTimeout(connectTimeout);
        connector.setTCPNoDelay(true);
        SslContextFactory.Client tls = new SslContextFactory.Client();
        if (sslContext != null) {
            tls.setSslContext(sslContext);
        }
        connector.setSslContextFactory(tls);
        HttpClient http = new HttpClient(new HttpClientTransportOverHTTP(connector));
        http.setExecutor(threads);
        http.setScheduler(timer);
        http.setFollowRedirects(false);
        // Every channel end is a socket of its own to the same engine; none waits for another to close.
        http.setMaxConnectionsPerDestination(Integer.MAX_VALUE);
        http.setUserAgentField(null);
        return http;
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
     * Opens a socket to {@code target} (a data channel's end on the engine's host) with the worker's handshake
     * headers and TLS; {@code listener} is told of everything that arrives, as far as it asks. The target carries
     * an access key: it is never logged.
     */
    public CompletableFuture<WebSocket> open(URI target, WebSocket.Listener listener) {
        try {
            started();
            JettyWebSocket socket = new JettyWebSocket(listener);
            CoreClientUpgradeRequest upgrade = CoreClientUpgradeRequest.from(client, target, socket);
            upgrade.headers(fields -> headers.forEach(fields::put));
            upgrade.setConfiguration(socketConfiguration);
            upgrade.timeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
            // Jetty bounds the handshake itself; this guards against an open that never reports back.
            return client.connect(upgrade).<WebSocket>thenApply(session -> socket)
                    .orTimeout(connectTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        }
        catch (IOException | RuntimeException ex) {
            return CompletableFuture.failedFuture(ex);
        }
    }

    private void started() throws IOException {
        synchronized (client) {
            if (client.isStarted()) {
                return;
            }
            if (closed) {
                throw new IOException("the worker's connector is closed");
            }
            try {
                client.start();
            }
            catch (Exception ex) {
                throw new IOException("the WebSocket client did not start", ex);
            }
        }
    }

    /** Stops the client's threads; sockets still open are cut. Opening afterwards fails. */
    @Override
    public void close() {
        synchronized (client) {
            closed = true;
            try {
                client.stop();
            }
            catch (Exception ex) {
                log.debug("the WebSocket client did not stop cleanly: {}", ex.toString());
            }
        }
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
        EngineSocketListener listener = new EngineSocketListener(attempt, codec, maxMessageBytes, sendQueueLimit,
                SEND_TIMEOUT, refusedFrames, io, events);
        open(url, listener).whenComplete((open, error) -> {
            if (error != null) {
                events.connectFailed(attempt, error);
            }
        });
    }
}
