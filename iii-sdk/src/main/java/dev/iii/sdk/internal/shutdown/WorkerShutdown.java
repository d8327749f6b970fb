package dev.iii.sdk.internal.shutdown;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import dev.iii.sdk.ErrorCode;
import dev.iii.sdk.internal.calls.OutboundCalls;
import dev.iii.sdk.internal.channel.ChannelEnds;
import dev.iii.sdk.internal.registry.Registry;
import dev.iii.sdk.internal.serving.InvocationServer;
import dev.iii.sdk.internal.session.EngineSession;
import dev.iii.sdk.internal.threads.WorkerThreads;
import dev.iii.sdk.internal.transport.EngineLink;
import dev.iii.sdk.internal.transport.WebSocketConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a worker leaves (§4.7), in four steps: stop taking invocations, let those in flight finish within the
 * grace period and stop the rest (their callers are answered), end the channel ends still open, withdraw the
 * registrations and close the connection after they are written, then fail the calls still waiting and release
 * the threads and the sockets' client. Runs once; a second caller waits for the first.
 */
public final class WorkerShutdown {

    private static final Logger log = LoggerFactory.getLogger(WorkerShutdown.class);
    /** How long the last frames and the close may take to go out before the threads stop. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final String workerName;
    private final InvocationServer server;
    private final Registry registry;
    private final EngineSession session;
    private final OutboundCalls calls;
    private final ChannelEnds channels;
    private final WorkerThreads threads;
    private final WebSocketConnector sockets;
    private final AtomicReference<CompletableFuture<Void>> done = new AtomicReference<>();

    public WorkerShutdown(String workerName, InvocationServer server, Registry registry, EngineSession session,
            OutboundCalls calls, ChannelEnds channels, WorkerThreads threads, WebSocketConnector sockets) {
        this.workerName = workerName;
        this.server = server;
        this.registry = registry;
        this.session = session;
        this.calls = calls;
        this.channels = channels;
        this.threads = threads;
        this.sockets = sockets;
    }

    public boolean begun() {
        return done.get() != null;
    }

    public void run(Duration grace) {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> first = done.compareAndExchange(null, mine);
        if (first != null) {
            first.join();
            return;
        }
        try {
            leave(grace);
        }
        finally {
            mine.complete(null);
        }
    }

    private void leave(Duration grace) {
        server.beginDraining();
        registry.close();
        int running = server.inFlight();
        if (running > 0) {
            log.info("Shutting down iii worker '{}': waiting up to {} ms for {} invocation(s)", workerName,
                    grace.toMillis(), running);
        }
        try {
            if (!server.awaitIdle(grace)) {
                int stopped = server.stopRemaining();
                log.warn("{} invocation(s) were still running after the {} ms grace period: they were stopped and "
                        + "their callers answered invocation_stopped", stopped, grace.toMillis());
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        // What handlers still stream has no one left to finish it.
        channels.abortAll();
        registry.withdrawAll();
        EngineLink link = session.stop();
        calls.close(ErrorCode.SHUTDOWN, "The worker shut down before the call completed");
        if (link != null && !link.awaitClosed(CLOSE_WAIT)) {
            log.debug("the connection did not finish closing within {} ms", CLOSE_WAIT.toMillis());
        }
        sockets.close();
        threads.shutdown();
        log.info("iii worker '{}' shut down", workerName);
    }
}
