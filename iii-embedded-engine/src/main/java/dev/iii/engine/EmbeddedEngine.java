package dev.iii.engine;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * An iii engine that runs inside this JVM, for development and tests. Workers (the official SDKs and ours)
 * connect to {@link #url()} exactly as they would to the real engine: it speaks the worker WebSocket protocol,
 * routes calls, offers the introspection {@code engine::*} functions and the discovery triggers, and serves
 * the {@code http} and {@code cron} trigger types. It keeps everything in memory and is <strong>not a
 * production engine</strong>: production uses the real iii engine.
 *
 * <pre>{@code
 * try (EmbeddedEngine engine = EmbeddedEngine.builder().port(0).httpPort(0).build().start()) {
 *     String url = engine.url(); // ws://127.0.0.1:54321
 * }
 * }</pre>
 */
public final class EmbeddedEngine implements AutoCloseable {

    /** Worker port of the real engine. */
    public static final int DEFAULT_PORT = 49134;
    /** Port of the real engine's {@code http} trigger listener. */
    public static final int DEFAULT_HTTP_PORT = 3111;
    /** Loopback, so a development engine is not reachable from the network by accident. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedEngine.class);
    private static final AtomicInteger instances = new AtomicInteger();

    private final String host;
    private final int requestedPort;
    private final int requestedHttpPort;
    private final EmbeddedEngineOptions options;
    private final EngineTls tls;

    private final Object lifecycle = new Object();
    private EngineCore core;
    /** The callers of the engine's own providers ({@code http}, {@code cron}), by trigger type. */
    private Map<String, Caller> providerCallers;
    private WorkerSocketServer workerServer;
    private HttpTriggerServer httpServer;
    private boolean started;
    private boolean closed;

    private EmbeddedEngine(Builder builder) {
        this.host = builder.host;
        this.requestedPort = builder.port;
        this.requestedHttpPort = builder.httpPort;
        this.options = builder.options;
        this.tls = builder.tls;
    }

    /** A builder with the real engine's defaults: 127.0.0.1, ports 49134 and 3111. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds both listeners and starts serving; returns once connections are accepted.
     *
     * @return this engine
     * @throws IllegalStateException when a port cannot be bound, or the engine was started or closed before
     */
    public EmbeddedEngine start() {
        synchronized (lifecycle) {
            if (started || closed) {
                throw new IllegalStateException("an embedded engine can be started once");
            }
            started = true;
            int instance = instances.incrementAndGet();
            core = new EngineCore(options);
            long now = core.startedAtMs;
            // Since 0.23 http and cron are provider workers of those names; they call bound functions as callers.
            InProcessWorker httpWorker = new InProcessWorker(UUID.randomUUID().toString(), HttpTriggerProvider.TYPE,
                    "HTTP API trigger", now);
            InProcessWorker cronWorker = new InProcessWorker(UUID.randomUUID().toString(), CronTriggerProvider.TYPE,
                    "Cron-based scheduled triggers", now);
            List<InProcessWorker> inProcess = List.of(new InProcessWorker(UUID.randomUUID().toString(),
                    RegisteredFunction.ENGINE_FUNCTIONS_WORKER, "Core engine introspection (engine::*).", now),
                    httpWorker, cronWorker);
            HttpTriggerProvider http = new HttpTriggerProvider(core.lock);
            providerCallers = Map.of(HttpTriggerProvider.TYPE, Caller.of(httpWorker), CronTriggerProvider.TYPE,
                    Caller.of(cronWorker));
            CronTriggerProvider cron = new CronTriggerProvider(core.scheduler, core.invocations,
                    providerCallers.get(CronTriggerProvider.TYPE));
            synchronized (core.lock) {
                EngineFunctions.registerAll(core, inProcess);
                core.triggers.registerType(new TriggerTypeEntry(new TypeKey(Namespaces.DEFAULT, HttpTriggerProvider.TYPE),
                        httpWorker.description(), null, null, http, null, httpWorker.name()));
                core.triggers.registerType(new TriggerTypeEntry(new TypeKey(Namespaces.DEFAULT, CronTriggerProvider.TYPE),
                        cronWorker.description(), null, null, cron, null, cronWorker.name()));
            }
            core.discovery.start();
            core.channels.start(core.scheduler);
            try {
                httpServer = new HttpTriggerServer("iii-http-" + instance, host, requestedHttpPort,
                        new HttpTriggerServlet(http, core.invocations, providerCallers.get(HttpTriggerProvider.TYPE), core.channels,
                                core.executor, core.scheduler, options.httpTimeout().toMillis()));
                httpServer.start();
                workerServer = new WorkerSocketServer("iii-engine-" + instance, host, requestedPort, tls, core);
                workerServer.start();
            }
            catch (RuntimeException ex) {
                close();
                throw ex;
            }
            log.info("iii embedded engine started: {} (http triggers on {})", url(), httpUrl());
            return this;
        }
    }

    /** The worker URL, {@code ws://host:port}, or {@code wss://host:port} with TLS. */
    public String url() {
        return (tls != null ? "wss://" : "ws://") + host + ":" + port();
    }

    /** Base URL of the {@code http} trigger routes, {@code http://host:httpPort}. */
    public String httpUrl() {
        return "http://" + host + ":" + httpPort();
    }

    /** The bound worker port (the real one when 0 was asked for). */
    public int port() {
        synchronized (lifecycle) {
            requireStarted();
            return workerServer.port();
        }
    }

    /** The bound {@code http} trigger port (the real one when 0 was asked for). */
    public int httpPort() {
        synchronized (lifecycle) {
            requireStarted();
            return httpServer.port();
        }
    }

    /** The address both listeners are bound to. */
    public String host() {
        return host;
    }

    // ---- firing triggers on demand, for tests

    /**
     * Fires the one binding of {@code triggerType} to {@code functionId} now, with {@code payload}: the function
     * is called as the type's provider would call it (the binding's namespace and metadata), also for types the
     * embedded engine does not provide, such as {@code durable:subscriber}. For tests that should not wait for
     * the event.
     *
     * @return completes with the function's result or error
     * @throws IllegalArgumentException when no binding, or more than one, matches
     */
    public CompletableFuture<TriggerFireResult> fireTrigger(String triggerType, String functionId, JsonNode payload) {
        return onDemand().fire(triggerType, functionId, binding -> payload);
    }

    /**
     * Fires the {@code cron} binding of {@code functionId} now, with a tick due now, without waiting for its
     * schedule; the schedule goes on as before.
     *
     * @return completes with the function's result or error
     * @throws IllegalArgumentException when no binding, or more than one, matches
     */
    public CompletableFuture<TriggerFireResult> fireCron(String functionId) {
        return onDemand().fire(CronTriggerProvider.TYPE, functionId, OnDemandTriggers::cronTick);
    }

    /** The engine proper, for tests in this package. */
    EngineCore core() {
        synchronized (lifecycle) {
            requireStarted();
            return core;
        }
    }

    private OnDemandTriggers onDemand() {
        synchronized (lifecycle) {
            requireStarted();
            return new OnDemandTriggers(core, providerCallers);
        }
    }

    /**
     * Stops the engine: worker sockets are dropped without a goodbye, as the real engine does on shutdown, so
     * workers see a lost connection and start reconnecting. Idempotent.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            if (core == null) {
                return;
            }
            core.beginShutdown();
            if (workerServer != null) {
                workerServer.stop();
            }
            if (httpServer != null) {
                httpServer.stop();
            }
            core.shutdown();
            log.info("iii embedded engine stopped");
        }
    }

    private void requireStarted() {
        if (!started || workerServer == null || httpServer == null) {
            throw new IllegalStateException("the engine is not started");
        }
    }

    /** Configures an {@link EmbeddedEngine}. */
    public static final class Builder {

        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private int httpPort = DEFAULT_HTTP_PORT;
        private EmbeddedEngineOptions options = EmbeddedEngineOptions.defaults();
        private EngineTls tls;

        private Builder() {
        }

        /**
         * Serves workers over TLS ({@code wss://}) with this key and certificate, as an engine behind a TLS
         * terminator would; the {@code http} trigger listener stays plain HTTP. Default: no TLS.
         */
        public Builder tls(EngineTls tls) {
            this.tls = tls;
            return this;
        }

        /** Address to bind; default {@code 127.0.0.1}. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Worker port; default 49134, 0 for a random free port. */
        public Builder port(int port) {
            this.port = checkPort(port);
            return this;
        }

        /** {@code http} trigger port; default 3111, 0 for a random free port. */
        public Builder httpPort(int httpPort) {
            this.httpPort = checkPort(httpPort);
            return this;
        }

        /** Timers and limits; default {@link EmbeddedEngineOptions#defaults()}. */
        public Builder options(EmbeddedEngineOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** An engine that is not started yet; call {@link EmbeddedEngine#start()}. */
        public EmbeddedEngine build() {
            return new EmbeddedEngine(this);
        }

        private static int checkPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            return port;
        }
    }
}
