package dev.iii.spring.autoconfigure;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the application's iii worker.
 *
 * @param enabled                  Whether to serve the application's functions and triggers; false keeps the
 *                                 connection, IIITemplate and @IIIClient beans for calls only
 * @param url                      Engine WebSocket URL (ws:// or wss://); the III_URL environment variable sets it too
 * @param worker                   Identity of the worker
 * @param invocationTimeout        Default timeout of calls to other functions
 * @param reconnect                Retry policy after a lost connection
 * @param maxMessageSize           Largest inbound frame; a larger one is refused with a warning before it is
 *                                 buffered (an invocation is answered invalid_request); unset, a sixteenth of
 *                                 the maximum heap, between 1MB and 64MB
 * @param maxConcurrentInvocations Handlers running at once; further invocations wait their turn
 * @param maxQueuedInvocations     Invocations that may wait for a free handler; beyond that they are answered
 *                                 worker_busy at once
 * @param handlerTimeout           How long a handler may run before its caller is answered handler_timeout and
 *                                 the handler is interrupted; @IIIFunction(timeout) overrides it
 * @param sendQueueSize            Frames that may wait to be written to the engine's socket; beyond that a frame
 *                                 is refused (send_queue_full) instead of piling up
 * @param offline                  Calls made while there is no connection
 * @param shutdown                 Graceful shutdown
 * @param headers                  Extra HTTP headers on the WebSocket handshake, e.g. engine credentials
 * @param token                    Engine access token, sent as Authorization: Bearer on the handshake unless
 *                                 iii.headers.authorization is set; the III_TOKEN environment variable sets it too
 * @param connection               WebSocket handshake and keepalive
 * @param sendStackTraces          Whether handler failures carry the Java stack trace to the caller
 * @param ssl                      TLS for wss:// engine URLs
 * @param metrics                  The worker's metrics
 * @param health                   The iii health indicator
 */
@ConfigurationProperties("iii")
public record IIIProperties(@DefaultValue("true") boolean enabled, @DefaultValue("ws://127.0.0.1:49134") String url,
        @DefaultValue Worker worker, @DefaultValue("30s") Duration invocationTimeout, @DefaultValue Reconnect reconnect,
        DataSize maxMessageSize, @DefaultValue("256") int maxConcurrentInvocations,
        @DefaultValue("1024") int maxQueuedInvocations, @DefaultValue("5m") Duration handlerTimeout,
        @DefaultValue("64MB") DataSize sendQueueSize, @DefaultValue Offline offline,
        @DefaultValue Shutdown shutdown, Map<String, String> headers, String token, @DefaultValue Connection connection,
        @DefaultValue("false") boolean sendStackTraces, @DefaultValue Ssl ssl, @DefaultValue Metrics metrics,
        @DefaultValue Health health) {

    public IIIProperties {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /**
     * The iii health indicator.
     *
     * @param requireAllFunctions Whether health is OUT_OF_SERVICE while one of the worker's functions is not in
     *                            effect on the engine (refused because another worker owns it, or not listed);
     *                            false keeps it UP and only lists the problem in the details
     */
    public record Health(@DefaultValue("true") boolean requireAllFunctions) {
    }

    /**
     * The worker's metrics.
     *
     * @param enabled        Whether to register the iii worker's gauges with Micrometer
     * @param reportToEngine Whether the worker reports its process figures (heap, CPU, uptime) to the engine every
     *                       minute, for engine::workers::info and the engine's console
     */
    public record Metrics(@DefaultValue("true") boolean enabled, @DefaultValue("true") boolean reportToEngine) {
    }

    /**
     * TLS for wss:// engine URLs.
     *
     * @param bundle Name of the SSL bundle (spring.ssl.bundle.*) whose trust material, and key material for
     *               mutual TLS, the connection uses; unset, the JVM's default trust store
     */
    public record Ssl(String bundle) {
    }

    /**
     * Identity of the worker.
     *
     * @param name        Worker name, unique among live workers of a namespace; defaults to
     *                    spring.application.name, else host:pid
     * @param description Description shown in the engine's worker list
     * @param namespace   Namespace of the worker's functions; the III_NAMESPACE environment variable sets it
     *                    too; unset means default
     * @param nameConflictGrace How long a connection refused because the worker's name is taken is retried
     *                    before the worker fails for good: the owner may be this worker's predecessor, leaving;
     *                    0 fails at once
     */
    public record Worker(String name, String description, String namespace,
            @DefaultValue("10s") Duration nameConflictGrace) {
    }

    /**
     * Retry policy after a lost connection: delay before attempt n is initial-delay * multiplier^n, capped,
     * randomised by jitter.
     *
     * @param initialDelay Delay before the first retry
     * @param multiplier   Growth factor of the delay per attempt
     * @param maxDelay     Cap on the delay
     * @param jitter       Relative randomisation of the delay, between 0 and 1
     * @param maxRetries   Attempts in a row before the worker gives up; -1 retries forever
     */
    public record Reconnect(@DefaultValue("1s") Duration initialDelay, @DefaultValue("2.0") double multiplier,
            @DefaultValue("30s") Duration maxDelay, @DefaultValue("0.3") double jitter,
            @DefaultValue("-1") int maxRetries) {
    }

    /**
     * Calls made while there is no connection: they wait for the next one, within their timeout.
     *
     * @param maxCalls Calls that may wait; more fail at once with offline_queue_full
     * @param maxSize  Bytes of calls that may wait
     */
    public record Offline(@DefaultValue("10000") int maxCalls, @DefaultValue("64MB") DataSize maxSize) {
    }

    /**
     * Graceful shutdown.
     *
     * @param gracePeriod How long in-flight invocations may run on after shutdown begins; keep it below
     *                    spring.lifecycle.timeout-per-shutdown-phase
     */
    public record Shutdown(@DefaultValue("20s") Duration gracePeriod) {
    }

    /**
     * WebSocket handshake and keepalive.
     *
     * @param connectTimeout Limit on the WebSocket handshake, and on the wait at start-up with fail-fast
     * @param pingInterval   Period of WebSocket pings
     * @param idleTimeout    Silence after which the connection is dropped and re-established
     * @param failFast       Whether start-up fails when the worker cannot connect to the engine within
     *                       connect-timeout, instead of connecting in the background
     */
    public record Connection(@DefaultValue("10s") Duration connectTimeout, @DefaultValue("20s") Duration pingInterval,
            @DefaultValue("60s") Duration idleTimeout, @DefaultValue("false") boolean failFast) {
    }
}
