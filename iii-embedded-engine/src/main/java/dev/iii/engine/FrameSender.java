package dev.iii.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
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
 * is queued and written from the executor. A close waits for the message in flight, if any (Tomcat fails the
 * rest of a message it is writing in parts when the socket closes between two parts, on a thread of its own),
 * but not longer than {@link WorkerSocketEndpoint#CLOSE_FRAME_TIMEOUT_MS}; it goes through a
 * {@link SessionCloser}, off the calling thread.
 */
final class FrameSender {

    private static final Logger log = LoggerFactory.getLogger(FrameSender.class);

    private final Session session;
    private final RemoteEndpoint.Async remote;
    private final SessionCloser closer;
    private final EngineCore core;
    private final LongConsumer peerNotReading;

    // guarded by this
    /** Frames (UTF-8 bytes) waiting behind the one in flight. */
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private long queuedBytes;
    /** The writer's role is taken: a message is in flight, or a write is about to start. */
    private boolean writing;
    /** Nothing more is accepted. */
    private boolean closed;
    /** A close asked for and not performed yet: the writer performs it once nothing is in flight. */
    private CloseReason pendingClose;
    /** Closes the socket if the message in flight does not complete in time; cancelled when the writer closes. */
    private ScheduledFuture<?> closeDeadline;
    private boolean closeStarted;

    FrameSender(Session session, EngineCore core, LongConsumer peerNotReading) {
        this.session = session;
        this.remote = session.getAsyncRemote();
        this.closer = new SessionCloser(session, core.executor);
        this.core = core;
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
            fits = queue.isEmpty() || backlog <= core.options.maxQueuedSendBytes();
            if (!fits) {
                dropQueued();
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
            closed = true;
            pendingClose = reason;
            if (!claimWriter()) {
                return;
            }
        }
        startWriting();
    }

    /** Closes the socket as soon as no message is in flight, dropping whatever still waits. */
    void closeNow(CloseReason reason) {
        synchronized (this) {
            dropQueued();
            if (closeStarted) {
                return;
            }
            pendingClose = reason;
            if (writing) {
                if (closeDeadline == null) {
                    closeDeadline = scheduleDeadline();
                }
                return;
            }
        }
        performPendingClose();
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
        if (Thread.holdsLock(core.lock)) {
            execute(this::writeNext);
        }
        else {
            writeNext();
        }
    }

    /** Writes the next queued frame; when nothing waits, the writer's role ends and a pending close is made. */
    private void writeNext() {
        while (true) {
            byte[] next;
            synchronized (this) {
                next = queue.poll();
                if (next == null) {
                    writing = false;
                    break;
                }
                queuedBytes -= next.length;
            }
            try {
                remote.sendText(new String(next, StandardCharsets.UTF_8), this::written);
                return;
            }
            catch (IllegalStateException ex) {
                // The session closed under us; its cleanup runs from onClose.
                log.debug("send failed on session {}: {}", session.getId(), ex.toString());
                synchronized (this) {
                    dropQueued();
                }
            }
        }
        performPendingClose();
    }

    /** Runs on a Tomcat thread when a message has been written (or has failed). */
    private void written(SendResult result) {
        if (!result.isOK()) {
            log.debug("send failed on session {}: {}", session.getId(), String.valueOf(result.getException()));
            synchronized (this) {
                dropQueued();
            }
        }
        writeNext();
    }

    private ScheduledFuture<?> scheduleDeadline() {
        try {
            return core.scheduler.schedule(this::performPendingClose, WorkerSocketEndpoint.CLOSE_FRAME_TIMEOUT_MS,
                    TimeUnit.MILLISECONDS);
        }
        catch (RejectedExecutionException ex) {
            // The engine is stopping: close without waiting.
            execute(this::performPendingClose);
            return null;
        }
    }

    private void performPendingClose() {
        CloseReason reason;
        synchronized (this) {
            if (pendingClose == null || closeStarted) {
                return;
            }
            reason = pendingClose;
            closeStarted = true;
            if (closeDeadline != null) {
                closeDeadline.cancel(false);
            }
        }
        closer.close(reason);
    }

    /** Call with this monitor held. */
    private void dropQueued() {
        closed = true;
        queue.clear();
        queuedBytes = 0;
    }

    private void execute(Runnable task) {
        try {
            core.executor.execute(task);
        }
        catch (RejectedExecutionException ex) {
            // The engine is stopping: do it here rather than not at all.
            task.run();
        }
    }
}
