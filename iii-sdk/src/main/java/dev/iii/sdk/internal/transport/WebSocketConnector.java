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
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;

import dev.iii.protocol.MessageCodec;

/**
 * Opens sockets to the engine on the JDK's WebSocket client ({@code java.net.http}), one {@link EngineLink} per
 * attempt, and the sockets of data channel ends with the same handshake headers, connect timeout and TLS. The
 * JDK's client reads the network only as far as it is asked to ({@link WebSocket#request}), writes with Nagle's
 * algorithm off and costs a fraction of what Tomcat's JSR-356 client costs per byte (see the benchmark harness's
 * container table). Credentials in the URL's user info travel as a Basic {@code Authorization} header (as browsers
 * and Node's {@code ws} send them) and the URL itself is never logged.
 */
public final class WebSocketConnector {

    /** How long one write to the engine may take before the connection counts as broken. */
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);
    /**
     * The JDK's client forwards its developers' traces, the URLs it opens among them (query string, and so the
     * worker's token, included), to these loggers at DEBUG; an application that logs DEBUG through
     * java.util.logging would print them. Turned off here and held so that the level sticks; the traces can still
     * be had on stderr with {@code -Djdk.internal.httpclient.debug=err}.
     */
    private static final List<java.util.logging.Logger> JDK_CLIENT_TRACES = Stream.of(
            "jdk.internal.httpclient.debug", "jdk.internal.httpclient.websocket.debug",
            "jdk.internal.httpclient.hpack.debug").map(WebSocketConnector::off).toList();

    private final URI url;
    private final Map<String, String> headers;
    private final Duration connectTimeout;
    private final int maxMessageBytes;
    private final long sendQueueLimit;
    private final Executor io;
    private final MessageCodec codec = new MessageCodec();
    private final AtomicLong refusedFrames = new AtomicLong();
    private final HttpClient client;

    /** @param sslContext trust for {@code wss://}, or {@code null} for the JVM's default */
    public WebSocketConnector(URI url, Map<String, String> headers, Duration connectTimeout, int maxMessageBytes,
            long sendQueueLimit, SSLContext sslContext, Executor io) {
        this.url = withoutUserInfo(url);
        this.headers = withBasicAuthorization(url, headers);
        this.connectTimeout = connectTimeout;
        this.maxMessageBytes = maxMessageBytes;
        this.sendQueueLimit = sendQueueLimit;
        this.io = io;
        // The sockets' listeners never block and hand everything on, so they run on the client's selector
        // thread: the JDK would otherwise hand every read to a pool thread first.
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(connectTimeout).executor(Runnable::run);
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        this.client = builder.build();
    }

    private static java.util.logging.Logger off(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.OFF);
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
     * Opens a socket to {@code target} (a data channel's end on the engine's host) with the worker's handshake
     * headers and TLS; {@code listener} is told of everything that arrives, as far as it asks. The target carries
     * an access key: it is never logged.
     */
    public CompletableFuture<WebSocket> open(URI target, WebSocket.Listener listener) {
        try {
            WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(connectTimeout);
            headers.forEach(builder::header);
            // The JDK bounds the handshake itself; this guards against an open that never reports back.
            return builder.buildAsync(target, listener).orTimeout(connectTimeout.toMillis() + 1000,
                    TimeUnit.MILLISECONDS);
        }
        catch (RuntimeException ex) {
            return CompletableFuture.failedFuture(ex);
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
