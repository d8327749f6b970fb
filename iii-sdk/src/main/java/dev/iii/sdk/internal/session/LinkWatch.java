package dev.iii.sdk.internal.session;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.iii.sdk.internal.transport.EngineLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one link on the timer (§4.5): a WebSocket ping every ping interval, the link dropped when nothing
 * arrived for the idle timeout, and dropped when its handshake is not answered in time. The timer thread only
 * queues pings and starts closes; it never writes.
 */
final class LinkWatch {

    /** Told when the watched link is found dead, just before the link is aborted. */
    interface Verdict {
        void dead(EngineLink link, String reason);
    }

    private static final Logger log = LoggerFactory.getLogger(LinkWatch.class);
    private static final int GOING_AWAY = 1001;

    private final EngineLink link;
    private final Duration idleTimeout;
    private final Verdict verdict;
    private final ScheduledFuture<?> pings;
    private final ScheduledFuture<?> handshakeDeadline;

    LinkWatch(EngineLink link, ScheduledExecutorService timer, Duration pingInterval, Duration idleTimeout,
            Duration handshakeTimeout, String url, Verdict verdict) {
        this.link = link;
        this.idleTimeout = idleTimeout;
        this.verdict = verdict;
        long period = pingInterval.toMillis();
        ScheduledFuture<?> ping = null;
        ScheduledFuture<?> deadline = null;
        try {
            ping = timer.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
            deadline = timer.schedule(() -> {
                log.warn("The iii engine at {} accepted the connection but did not answer its handshake within {} ms;"
                        + " dropping it to try again", url, handshakeTimeout.toMillis());
                drop("the engine did not answer the handshake within " + handshakeTimeout.toMillis() + " ms");
            }, handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (RejectedExecutionException ex) {
            log.debug("no watch for {}: the worker's timer is shut down", link);
        }
        this.pings = ping;
        this.handshakeDeadline = deadline;
    }

    /** The handshake was answered: only the keepalive goes on. */
    void handshakeDone() {
        cancel(handshakeDeadline);
    }

    void cancel() {
        cancel(pings);
        cancel(handshakeDeadline);
    }

    private void check() {
        if (link.nanosSinceLastInbound() > idleTimeout.toNanos()) {
            log.warn("No frame from the iii engine for {} ms; dropping the connection to reconnect",
                    idleTimeout.toMillis());
            drop("no frame from the engine for " + idleTimeout.toMillis() + " ms");
            return;
        }
        link.ping();
    }

    private void drop(String reason) {
        cancel();
        // The verdict first, so that the reason is this one and not the close that the abort brings.
        verdict.dead(link, reason);
        link.abort(GOING_AWAY, "dropped by the worker");
    }

    private static void cancel(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }
}
