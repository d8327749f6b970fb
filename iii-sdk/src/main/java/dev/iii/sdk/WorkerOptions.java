package dev.iii.sdk;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;

import tools.jackson.databind.json.JsonMapper;

/**
 * Everything a worker needs to know before it connects. Build with {@link #builder()}; unset members take
 * the documented defaults, some of them from the environment.
 *
 * @param url                      engine WebSocket URL: the builder's value, else {@code III_URL}, else
 *                                 {@code ws://127.0.0.1:49134}
 * @param name                     worker name: the builder's value, else {@code III_WORKER_NAME}, else
 *                                 {@code hostname:pid}
 * @param description              shown in {@code engine::workers::list}; optional
 * @param namespace                namespace the worker's functions and trigger types live in: the builder's
 *                                 value (blank is an error), else {@code III_NAMESPACE} (blank counts as
 *                                 unset), else none, which the engine treats as {@code default}
 * @param invocationTimeout        default timeout of calls to other functions (30 s)
 * @param reconnectPolicy          retry policy after a lost connection ({@link ReconnectPolicy#defaults()})
 * @param headers                  extra HTTP headers on the WebSocket handshake, e.g. for engine RBAC
 * @param maxMessageSize           largest inbound frame accepted, in UTF-8 bytes; by default a sixteenth of
 *                                 the maximum heap, between 1 MiB and 64 MiB (the engine's own limit), so
 *                                 that a frame cannot exhaust a small heap; a larger frame is refused with a
 *                                 warning before it is buffered (an invocation is answered
 *                                 {@code invalid_request}) and the connection stays up
 * @param maxConcurrentInvocations handlers running at once (256); more invocations wait their turn
 * @param maxQueuedInvocations     invocations that may wait for a free handler (1024); beyond that they are
 *                                 answered {@code worker_busy} at once
 * @param handlerTimeout           how long a handler may run before the worker answers its caller with
 *                                 {@code handler_timeout} and interrupts it (5 minutes); a function's own
 *                                 timeout overrides it
 * @param maxSendQueueBytes        bytes that may wait to be written to the socket (64 MiB); a frame beyond
 *                                 that is refused ({@code send_queue_full}) instead of piling up
 * @param maxOfflineCalls          calls that may wait for a connection (10,000); more fail at once
 *                                 ({@code offline_queue_full})
 * @param maxOfflineBytes          bytes of calls that may wait for a connection (64 MiB)
 * @param executor                 where handlers and provider callbacks run; {@code null} gives a pool of
 *                                 the SDK's own, shut down with the worker
 * @param jsonMapper               binds payloads and results; {@code null} gives a default Jackson 3 mapper
 * @param connectTimeout           limit on the WebSocket handshake (10 s)
 * @param pingInterval             WebSocket ping period (20 s)
 * @param idleTimeout              a connection with no inbound frame for this long is dropped and
 *                                 re-established (60 s)
 * @param sendStackTraces          whether handler failures carry the Java stack trace to the caller
 *                                 (off: stack traces reveal internals to every caller)
 * @param framework                reported to the engine as {@code telemetry.framework}, e.g.
 *                                 {@code spring-boot}; optional
 * @param sslContext               trust (and client keys) for a {@code wss://} engine; {@code null} uses the
 *                                 JVM's default trust store. The host name is always verified.
 * @param nameConflictGrace        how long a connection attempt refused because the worker's name is taken
 *                                 ({@code WORKER_NAMESPACE_CONFLICT}) is retried before the worker fails for
 *                                 good (10 s): the name's owner may be this worker's predecessor, leaving (a
 *                                 restart, a context refreshed in tests); zero fails at the first refusal
 * @param reportMetrics            whether the worker reports its process metrics to the engine (heap, CPU,
 *                                 uptime; shown by {@code engine::workers::info}) every minute (on)
 */
public record WorkerOptions(URI url, String name, String description, String namespace, Duration invocationTimeout,
        ReconnectPolicy reconnectPolicy, Map<String, String> headers, int maxMessageSize,
        int maxConcurrentInvocations, int maxQueuedInvocations, Duration handlerTimeout, long maxSendQueueBytes,
        int maxOfflineCalls, long maxOfflineBytes, Executor executor, JsonMapper jsonMapper, Duration connectTimeout,
        Duration pingInterval, Duration idleTimeout, boolean sendStackTraces, String framework, SSLContext sslContext,
        Duration nameConflictGrace, boolean reportMetrics) {

    /** The engine's address when nothing else is said: the IPv4 loopback, never {@code localhost}. */
    public static final String DEFAULT_URL = "ws://127.0.0.1:49134";

    public WorkerOptions {
        require(url != null, "url is required");
        String scheme = url.getScheme();
        require("ws".equalsIgnoreCase(scheme) || "wss".equalsIgnoreCase(scheme),
                "url must be a ws:// or wss:// URL, was '" + withoutCredentials(url) + "'");
        require(name != null && !name.isBlank(), "name must not be blank");
        require(namespace == null || !namespace.isBlank(), "namespace is blank: give it a name or leave it out");
        requirePositive(invocationTimeout, "invocationTimeout");
        require(reconnectPolicy != null, "reconnectPolicy is required");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        headers.forEach(WorkerOptions::requireSettableHeader);
        require(maxMessageSize > 0, "maxMessageSize must be positive");
        require(maxConcurrentInvocations > 0, "maxConcurrentInvocations must be positive");
        require(maxQueuedInvocations >= 0, "maxQueuedInvocations must not be negative");
        requirePositive(handlerTimeout, "handlerTimeout");
        require(maxSendQueueBytes > 0, "maxSendQueueBytes must be positive");
        require(maxOfflineCalls >= 0, "maxOfflineCalls must not be negative");
        require(maxOfflineBytes >= 0, "maxOfflineBytes must not be negative");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(pingInterval, "pingInterval");
        requirePositive(idleTimeout, "idleTimeout");
        require(idleTimeout.compareTo(pingInterval) > 0, "idleTimeout must be longer than pingInterval");
        require(nameConflictGrace != null && !nameConflictGrace.isNegative(), "nameConflictGrace must not be negative");
    }

    /**
     * The engine URL as logs and health show it: scheme, host, port and path, without user info or query
     * string, which may carry credentials.
     */
    public String safeUrl() {
        return withoutCredentials(url);
    }

    /** Header names only and the URL without credentials: the values may be secrets. */
    @Override
    public String toString() {
        return "WorkerOptions[url=" + safeUrl() + ", name=" + name + ", namespace=" + namespace + ", headers="
                + headers.keySet() + ", invocationTimeout=" + invocationTimeout + ", maxConcurrentInvocations="
                + maxConcurrentInvocations + ", handlerTimeout=" + handlerTimeout + "]";
    }

    private static String withoutCredentials(URI url) {
        String port = url.getPort() >= 0 ? ":" + url.getPort() : "";
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        String host = url.getHost() != null ? url.getHost() : "";
        return url.getScheme() + "://" + host + port + path;
    }

    /** A builder with every default in place. */
    public static Builder builder() {
        return new Builder();
    }

    /** Defaults only (URL and name from the environment where set). */
    public static WorkerOptions defaults() {
        return builder().build();
    }

    /** Headers the WebSocket handshake writes itself: a second value from the caller would break the upgrade. */
    private static final Set<String> HANDSHAKE_HEADERS = Set.of("host", "connection", "upgrade",
            "content-length", "expect", "sec-websocket-key", "sec-websocket-version", "sec-websocket-protocol",
            "sec-websocket-extensions", "sec-websocket-accept");
    /** An HTTP header name: a token of RFC 9110 §5.6.2. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private static void requireSettableHeader(String name, String value) {
        require(HEADER_NAME.matcher(name).matches(), "header name '" + name + "' is not a valid HTTP header name");
        require(!HANDSHAKE_HEADERS.contains(name.toLowerCase(Locale.ROOT)), "header '" + name
                + "' cannot be set: the WebSocket handshake sets it itself");
        require(value.indexOf('\r') < 0 && value.indexOf('\n') < 0, "header '" + name
                + "' has a line break in its value");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    private static void requirePositive(Duration duration, String name) {
        require(duration != null && !duration.isNegative() && !duration.isZero(), name + " must be positive");
    }

    /** Builds {@link WorkerOptions}. */
    public static final class Builder {

        private String url;
        private String name;
        private String description;
        private String namespace;
        private Duration invocationTimeout = Duration.ofSeconds(30);
        private ReconnectPolicy reconnectPolicy = ReconnectPolicy.defaults();
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Integer maxMessageSize;
        private int maxConcurrentInvocations = 256;
        private int maxQueuedInvocations = 1024;
        private Duration handlerTimeout = Duration.ofMinutes(5);
        private long maxSendQueueBytes = 64L * 1024 * 1024;
        private int maxOfflineCalls = 10_000;
        private long maxOfflineBytes = 64L * 1024 * 1024;
        private Executor executor;
        private JsonMapper jsonMapper;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration pingInterval = Duration.ofSeconds(20);
        private Duration idleTimeout = Duration.ofSeconds(60);
        private boolean sendStackTraces;
        private String framework;
        private SSLContext sslContext;
        private String token;
        private Duration nameConflictGrace = Duration.ofSeconds(10);
        private boolean reportMetrics = true;
        private UnaryOperator<String> environment = System::getenv;

        private Builder() {
        }

        public Builder url(String url) {
            this.url = url;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        public Builder invocationTimeout(Duration invocationTimeout) {
            this.invocationTimeout = invocationTimeout;
            return this;
        }

        public Builder reconnectPolicy(ReconnectPolicy reconnectPolicy) {
            this.reconnectPolicy = reconnectPolicy;
            return this;
        }

        public Builder header(String name, String value) {
            this.headers.put(name, value);
            return this;
        }

        public Builder headers(Map<String, String> headers) {
            this.headers.putAll(headers);
            return this;
        }

        public Builder maxMessageSize(int maxMessageSize) {
            this.maxMessageSize = maxMessageSize;
            return this;
        }

        public Builder maxConcurrentInvocations(int maxConcurrentInvocations) {
            this.maxConcurrentInvocations = maxConcurrentInvocations;
            return this;
        }

        public Builder maxQueuedInvocations(int maxQueuedInvocations) {
            this.maxQueuedInvocations = maxQueuedInvocations;
            return this;
        }

        public Builder handlerTimeout(Duration handlerTimeout) {
            this.handlerTimeout = handlerTimeout;
            return this;
        }

        public Builder maxSendQueueBytes(long maxSendQueueBytes) {
            this.maxSendQueueBytes = maxSendQueueBytes;
            return this;
        }

        public Builder maxOfflineCalls(int maxOfflineCalls) {
            this.maxOfflineCalls = maxOfflineCalls;
            return this;
        }

        public Builder maxOfflineBytes(long maxOfflineBytes) {
            this.maxOfflineBytes = maxOfflineBytes;
            return this;
        }

        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        public Builder jsonMapper(JsonMapper jsonMapper) {
            this.jsonMapper = jsonMapper;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder pingInterval(Duration pingInterval) {
            this.pingInterval = pingInterval;
            return this;
        }

        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        public Builder sendStackTraces(boolean sendStackTraces) {
            this.sendStackTraces = sendStackTraces;
            return this;
        }

        public Builder framework(String framework) {
            this.framework = framework;
            return this;
        }

        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = sslContext;
            return this;
        }

        /**
         * An engine access token, sent as {@code Authorization: Bearer <token>} on the handshake unless an
         * {@code Authorization} header is set; without one, {@code III_TOKEN} is used, as the official SDKs do.
         */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        public Builder nameConflictGrace(Duration nameConflictGrace) {
            this.nameConflictGrace = nameConflictGrace;
            return this;
        }

        public Builder reportMetrics(boolean reportMetrics) {
            this.reportMetrics = reportMetrics;
            return this;
        }

        /** Where {@code III_*} variables are read from; the process environment unless a test says otherwise. */
        Builder environment(UnaryOperator<String> environment) {
            this.environment = environment;
            return this;
        }

        public WorkerOptions build() {
            String resolvedUrl = firstSet(url, environment.apply("III_URL"), DEFAULT_URL);
            String resolvedName = firstSet(name, environment.apply("III_WORKER_NAME"), defaultName());
            String resolvedNamespace = namespace != null ? namespace : blankToNull(environment.apply("III_NAMESPACE"));
            URI uri;
            try {
                uri = URI.create(resolvedUrl.trim());
            }
            catch (IllegalArgumentException ex) {
                // Not the URL itself, nor the parser's message quoting it: either may hold credentials.
                throw new IllegalArgumentException("url is not a valid URI (character " + invalidIndex(ex) + ")");
            }
            String resolvedToken = firstSet(token, environment.apply("III_TOKEN"), null);
            return new WorkerOptions(uri, resolvedName, description, resolvedNamespace, invocationTimeout,
                    reconnectPolicy, withToken(headers, resolvedToken),
                    maxMessageSize != null ? maxMessageSize : defaultMaxMessageSize(),
                    maxConcurrentInvocations, maxQueuedInvocations,
                    handlerTimeout, maxSendQueueBytes, maxOfflineCalls, maxOfflineBytes, executor, jsonMapper,
                    connectTimeout, pingInterval, idleTimeout, sendStackTraces, framework, sslContext,
                    nameConflictGrace, reportMetrics);
        }

        private static int invalidIndex(IllegalArgumentException ex) {
            return ex.getCause() instanceof URISyntaxException syntax ? syntax.getIndex() : -1;
        }

        /** The headers with {@code Authorization: Bearer <token>} added, unless one is set already. */
        private static Map<String, String> withToken(Map<String, String> headers, String token) {
            if (token == null || token.isBlank() || headers.keySet().stream().anyMatch("authorization"::equalsIgnoreCase)) {
                return headers;
            }
            Map<String, String> withToken = new LinkedHashMap<>(headers);
            withToken.put("Authorization", "Bearer " + token.strip());
            return withToken;
        }

        /** A sixteenth of the heap: a frame is buffered once, and a tree of it can take several times its size. */
        static int defaultMaxMessageSize() {
            long sixteenth = Runtime.getRuntime().maxMemory() / 16;
            return (int) Math.max(1024 * 1024, Math.min(64L * 1024 * 1024, sixteenth));
        }

        private static String firstSet(String explicit, String fromEnvironment, String fallback) {
            if (explicit != null) {
                return explicit;
            }
            return fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment : fallback;
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value;
        }

        private static String defaultName() {
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName();
            }
            catch (UnknownHostException ex) {
                host = "localhost";
            }
            return host + ":" + ProcessHandle.current().pid();
        }
    }
}
