package dev.iii.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongConsumer;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of a worker socket. Frames leave in the order they were sent, one message in flight at a time,
 * through Tomcat's non-blocking async remote: a frame sent while the socket is idle is written by the sending
 * thread itself, and each write's completion starts the next, so no frame waits for a thread of its own and no
 * thread ever waits for a peer. Frames waiting behind the one in flight are bounded in bytes; a peer that stops
 * reading until the bound is reached is dropped: nothing more is written to it, and {@code peerNotReading} is
 * told (on the executor) how many bytes were waiting.
 * <p>
 * A write is never started while the engine lock is held (no lock is held across I/O): a frame sent under it
 * is queued and written from the executor. Closing goes through a {@link SessionCloser}, off the calling thread.
 */
final class FrameSender {

    private static final Logger log = LoggerFactory.getLogger(FrameSender.class);

    private final Session session;
    private final RemoteEndpoint.Async remote;
    private final SessionCloser closer;
    private final Object engineLock;
    private final Executor executor;
    private final long maxQueuedBytes;
    private final LongConsumer peerNotReading;

    // guarded by this
    /** Frames (UTF-8 bytes) waiting behind the one in flight, and at most one {@link CloseReason} after them. */
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private long queuedBytes;
    /** A write is in flight or about to start: whoever finds it set leaves the next frame to the writer. */
    private boolean writing;
    /** Nothing more is accepted: the socket is closed or closing. */
    private boolean closed;

    FrameSender(Session session, Object engineLock, Executor executor, long maxQueuedBytes,
            LongConsumer peerNotReading) {
        this.session = session;
        this.remote = session.getAsyncRemote();
        this.closer = new SessionCloser(session, executor);
        this.engineLock = engineLock;
        this.executor = executor;
        this.maxQueuedBytes = maxQueuedBytes;
        this.peerNotReading = peerNotReading;
    }

    /** Sends one text frame; dropped silently once the socket is closed, as the real engine does. */
    void send(byte[] frame) {
        long backlog;
        boolean fits;
        synchronized (this) {
            if (closed) {
                return;
            }
            backlog = queuedBytes + frame.length;
            // One frame always fits, whatever its size: only a backlog means the peer is not reading.
            fits = queue.isEmpty() || backlog <= maxQueuedBytes;
            if (!fits) {
                markClosed();
            }
            else {
                queue.add(frame);
                queuedBytes = backlog;
                if (!claimWriter()) {
                    return;
                }
            }
        }
        if (fits) {
            startWriting();
        }
        else {
            execute(() -> peerNotReading.accept(backlog));
        }
    }

    /** Closes the socket once everything sent so far has been written; nothing sent later goes out. */
    void closeAfterFlush(CloseReason reason) {
        synchronized (this) {
            if (closed) {
                return;
            }
            queue.add(reason);
            closed = true;
            if (!claimWriter()) {
                return;
            }
        }
        startWriting();
    }

    /** Closes the socket now, dropping whatever still waits. */
    void closeNow(CloseReason reason) {
        synchronized (this) {
            markClosed();
        }
        closer.close(reason);
    }

    /** Whether the caller is now the writer; call with this monitor held. */
    private boolean claimWriter() {
        if (writing) {
            return false;
        }
        writing = true;
        return true;
    }

    private void startWriting() {
        if (Thread.holdsLock(engineLock)) {
            execute(this::writeNext);
        }
        else {
            writeNext();
        }
    }

    /** Writes the next queued frame, or performs the queued close; the writer's role ends when nothing waits. */
    private void writeNext() {
        Object next;
        synchronized (this) {
            next = queue.poll();
            if (next == null) {
                writing = false;
                return;
            }
            if (next instanceof byte[] frame) {
                queuedBytes -= frame.length;
            }
        }
        if (next instanceof CloseReason reason) {
            closer.close(reason);
            return;
        }
        try {
            remote.sendText(new String((byte[]) next, StandardCharsets.UTF_8), this::written);
        }
        catch (IllegalStateException ex) {
            // The session closed under us; its cleanup runs from onClose.
            log.debug("send failed on session {}: {}", session.getId(), ex.toString());
            abandon();
        }
    }

    /** Runs on a Tomcat thread when a message has been written (or has failed). */
    private void written(SendResult result) {
        if (!result.isOK()) {
            log.debug("send failed on session {}: {}", session.getId(), String.valueOf(result.getException()));
            abandon();
            return;
        }
        writeNext();
    }

    private synchronized void abandon() {
        markClosed();
        writing = false;
    }

    /** Call with this monitor held. */
    private void markClosed() {
        closed = true;
        queue.clear();
        queuedBytes = 0;
    }

    private void execute(Runnable task) {
        try {
            executor.execute(task);
        }
        catch (RejectedExecutionException ex) {
            // The engine is stopping: do it here rather than not at all.
            task.run();
        }
    }
}
