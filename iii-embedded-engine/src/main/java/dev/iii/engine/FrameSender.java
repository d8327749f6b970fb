package dev.iii.engine;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of a worker socket. Frames are queued and written in order by at most one task at a time,
 * because a JSR-356 session must never be written from two threads at once. Callers never block.
 */
final class FrameSender {

    private static final Logger log = LoggerFactory.getLogger(FrameSender.class);

    private final Session session;
    private final Executor executor;
    private final Queue<Runnable> queue = new ArrayDeque<>();
    private boolean draining;
    private boolean closed;

    FrameSender(Session session, Executor executor) {
        this.session = session;
        this.executor = executor;
    }

    /** Queues one text frame; dropped silently once the socket is closed, as the real engine does. */
    void send(String text) {
        enqueue(() -> {
            try {
                session.getBasicRemote().sendText(text);
            }
            catch (IOException | RuntimeException ex) {
                log.debug("send failed on session {}: {}", session.getId(), ex.toString());
                markClosed();
            }
        });
    }

    /** Closes the socket after everything queued so far has been written. */
    void closeAfterFlush(CloseReason reason) {
        enqueue(() -> {
            markClosed();
            closeQuietly(reason);
        });
    }

    /** Closes the socket now, dropping whatever is still queued. */
    void closeNow(CloseReason reason) {
        synchronized (this) {
            closed = true;
            queue.clear();
        }
        closeQuietly(reason);
    }

    private void enqueue(Runnable write) {
        synchronized (this) {
            if (closed) {
                return;
            }
            queue.add(write);
            if (draining) {
                return;
            }
            draining = true;
        }
        executor.execute(this::drain);
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = queue.poll();
                if (next == null) {
                    draining = false;
                    return;
                }
            }
            next.run();
        }
    }

    private synchronized void markClosed() {
        closed = true;
        queue.clear();
    }

    private void closeQuietly(CloseReason reason) {
        try {
            if (session.isOpen()) {
                session.close(reason);
            }
        }
        catch (IOException | RuntimeException ex) {
            log.debug("close failed on session {}: {}", session.getId(), ex.toString());
        }
    }
}
