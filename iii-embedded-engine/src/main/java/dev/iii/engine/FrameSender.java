package dev.iii.engine;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of a worker socket. Frames leave in the order they were sent, one message in flight at a time,
 * through Jetty's non-blocking writes: a frame sent while the socket is idle is written by the sending thread
 * itself, and each write's completion starts the next (in the same loop when it completed at once, see
 * {@link SendCompletion}), so no frame waits for a thread of its own and no thread ever waits for a peer. Frames
 * waiting behind the one in flight are bounded in bytes; a peer that stops reading until the bound is reached is
 * dropped: nothing more is written to it, and {@code peerNotReading} is told (on the executor) how many bytes were
 * waiting.
 * <p>
 * A write is never started while the engine lock is held (no lock is held across I/O): a frame sent under it
 * is queued and written from the executor, and so is a close. A close waits for the message in flight, if any,
 * but not longer than {@link #CLOSE_TIMEOUT_MS}: a Close frame cannot pass a message that the peer does not read, so
 * then the socket is dropped without one, as the real engine drops such a socket.
 */
final class FrameSender {

    private static final Logger log = LoggerFactory.getLogger(FrameSender.class);
    /** How long a close waits for the message in flight before the socket is dropped. */
    static final long CLOSE_TIMEOUT_MS = 2000;

    private final CoreSession session;
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
    private SocketClose pendingClose;
    /** Drops the socket if the message in flight does not complete in time; cancelled when the writer closes. */
    private ScheduledFuture<?> closeDeadline;
    private boolean closeStarted;

    FrameSender(CoreSession session, EngineCore core, LongConsumer peerNotReading) {
        this.session = session;
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
    void closeAfterFlush(SocketClose reason) {
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
    void closeNow(SocketClose reason) {
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
        closeIfPending(false);
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
            boolean more;
            synchronized (this) {
                next = queue.poll();
                if (next == null) {
                    writing = false;
                    break;
                }
                queuedBytes -= next.length;
                more = !queue.isEmpty();
            }
            SendCompletion sent = new SendCompletion(this::written);
            try {
                // Frames with more behind them are batched: Jetty writes them out with the last one, which flushes.
                session.sendFrame(new Frame(OpCode.TEXT, true, ByteBuffer.wrap(next)), sent, more);
            }
            catch (RuntimeException ex) {
                sent.failed(ex);
            }
            if (sent.leftToCallback()) {
                return;
            }
            if (sent.failure() != null) {
                failed(sent.failure());
            }
        }
        closeIfPending(false);
    }

    /** Runs on a Jetty thread when a write left to the callback has completed (or has failed). */
    private void written(Throwable failure) {
        if (failure != null) {
            failed(failure);
        }
        writeNext();
    }

    /** The socket closed under a write, or broke; its cleanup runs from the socket's close. */
    private void failed(Throwable failure) {
        log.debug("send failed on {}: {}", session, failure.toString());
        synchronized (this) {
            dropQueued();
        }
    }

    private ScheduledFuture<?> scheduleDeadline() {
        try {
            return core.scheduler.schedule(() -> closeIfPending(true), CLOSE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
        catch (RejectedExecutionException ex) {
            // The engine is stopping: drop the socket without waiting.
            execute(() -> closeIfPending(true));
            return null;
        }
    }

    /**
     * Makes the close asked for, if any and once: a Close frame once nothing is in flight, or, when the message in
     * flight did not complete in time ({@code stuck}), the socket is dropped.
     */
    private void closeIfPending(boolean stuck) {
        SocketClose reason;
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
        if (stuck) {
            session.abort();
        }
        else if (Thread.holdsLock(core.lock)) {
            execute(() -> session.close(reason.code(), reason.reason(), Callback.NOOP));
        }
        else {
            session.close(reason.code(), reason.reason(), Callback.NOOP);
        }
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
