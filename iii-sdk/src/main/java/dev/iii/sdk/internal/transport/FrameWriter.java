package dev.iii.sdk.internal.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import dev.iii.sdk.internal.threads.NonBlockingSection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of a socket. Any thread hands it encoded frames and returns at once. Frames are written in
 * order by one drain at a time, started on the I/O executor, or with {@link #sendNow} on the thread that queued a
 * frame into an idle writer; no send blocks, and when one cannot finish at once the drain goes on from the thread
 * that completes it, so no thread waits on the socket and a frame that can be written at once needs no hand-off.
 * A close, which waits for the peer's answer, runs on the I/O executor. The queue is bounded in bytes: a frame
 * that would overflow it is refused at once, so a peer that stops reading costs bounded memory and never blocks
 * the thread that reads frames, a timer or another caller. A sender that is to be held back instead (a data
 * channel's writer) first waits for room ({@link #awaitRoom}), which waits on the queue, never on the socket.
 */
public final class FrameWriter {

    /** What the writer writes to; only the drain task calls it. */
    public interface Socket {
        /** Starts sending one whole text frame; never blocks. The future completes once it is written. */
        CompletableFuture<?> sendText(String text);

        /** Starts sending one whole binary frame; see {@link #sendText}. */
        CompletableFuture<?> sendBinary(ByteBuffer bytes);

        /** Starts sending a ping; see {@link #sendText}. */
        CompletableFuture<?> sendPing();

        /** Sends a Close and waits for the peer's answer, for a bounded time; called on the I/O executor. */
        void close(int code, String reason) throws IOException;

        /**
         * Sends a Close if that can be done at once, and ends the connection without waiting for the peer's
         * answer; also ends a send that is stuck on a peer that stopped reading. Called on the I/O executor.
         */
        void abort(int code, String reason) throws IOException;
    }

    /** The frame did not fit into the writer's queue. */
    public static final class QueueFullException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        QueueFullException(long queued, long limit, int frame) {
            super("the connection's send queue is full (" + queued + " bytes queued, limit " + limit
                    + "): a frame of " + frame + " bytes was refused; the engine is not reading fast enough");
        }
    }

    private static final Logger log = LoggerFactory.getLogger(FrameWriter.class);
    private static final byte[] PING = new byte[0];

    private record Close(int code, String reason) {
    }

    private record Binary(byte[] bytes) {
    }

    private final Socket socket;
    private final Executor io;
    private final long limit;
    private final Consumer<Throwable> onFailure;
    private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicLong refused;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    /** Where senders wait for room; woken when a frame leaves the queue or the writer closes. */
    private final Object room = new Object();
    private final AtomicInteger waitingForRoom = new AtomicInteger();
    private volatile boolean closed;

    /**
     * @param refused   counts the frames refused because the queue was full (shared by a worker's writers)
     * @param onFailure told once when a write fails; the socket is then unusable
     */
    public FrameWriter(Socket socket, Executor io, long limit, AtomicLong refused, Consumer<Throwable> onFailure) {
        this.socket = socket;
        this.refused = refused;
        this.io = io;
        this.limit = limit;
        this.onFailure = onFailure;
    }

    /**
     * Queues one text frame (UTF-8); an idle writer starts writing it on the I/O executor.
     *
     * @return {@code false} when the writer is closed and the frame will never be written
     * @throws QueueFullException when the frame does not fit into the queue
     */
    public boolean send(byte[] frame) {
        return enqueue(frame, frame.length, false);
    }

    /**
     * Queues one text frame (UTF-8), as {@link #send}, except that an idle writer starts writing it on the calling
     * thread, which saves a hand-off: for a caller that holds no lock (the send never blocks, but it is I/O).
     */
    public boolean sendNow(byte[] frame) {
        return enqueue(frame, frame.length, true);
    }

    /**
     * Queues one binary frame; the array must not be written again.
     *
     * @return {@code false} when the writer is closed and the frame will never be written
     * @throws QueueFullException when the frame does not fit into the queue
     */
    public boolean sendBinary(byte[] frame) {
        return enqueue(new Binary(frame), frame.length, false);
    }

    private boolean enqueue(Object item, int size, boolean here) {
        if (closed) {
            return false;
        }
        long after = queuedBytes.addAndGet(size);
        if (after > limit && after != size) {
            queuedBytes.addAndGet(-size);
            refused.incrementAndGet();
            throw new QueueFullException(after - size, limit, size);
        }
        queue.add(item);
        wake(here);
        return true;
    }

    /**
     * Waits until a frame of {@code size} bytes fits into the queue, or the writer is closed; for a sender that
     * is to be held back by a slow peer rather than refused. Only one thread should wait at a time: a frame that
     * fits for one may not fit for two.
     *
     * @return {@code false} when the writer is closed
     */
    public boolean awaitRoom(int size) throws InterruptedException {
        waitingForRoom.incrementAndGet();
        try {
            synchronized (room) {
                while (!closed && queuedBytes.get() > 0 && queuedBytes.get() + size > limit) {
                    NonBlockingSection.refuseWait("waiting for room in the send queue of a channel");
                    room.wait();
                }
            }
            return !closed;
        }
        finally {
            waitingForRoom.decrementAndGet();
        }
    }

    private void roomMade() {
        if (waitingForRoom.get() > 0) {
            synchronized (room) {
                room.notifyAll();
            }
        }
    }

    /** Queues a WebSocket ping; pings are not counted against the limit. */
    public void ping() {
        if (!closed) {
            queue.add(PING);
            wake(false);
        }
    }

    /** Closes the socket once everything queued before has been written. */
    public void close(int code, String reason) {
        if (!closed) {
            queue.add(new Close(code, reason));
            wake(false);
        }
    }

    /**
     * Closes the socket now, from an I/O thread, dropping whatever is still queued; also ends a write that is
     * stuck on a peer that stopped reading.
     */
    public void abort(int code, String reason) {
        if (closed) {
            return;
        }
        closed = true;
        discardQueue();
        roomMade();
        endOnIo("abort", () -> socket.abort(code, reason));
    }

    /** The socket closed under the writer: whatever is queued is dropped and nothing more is written. */
    public void discard() {
        closed = true;
        discardQueue();
        finished.countDown();
        roomMade();
    }

    /** Waits until the socket is closed (by either side) or broken, at most {@code timeout}. */
    public boolean awaitClosed(java.time.Duration timeout) {
        try {
            return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits, as long as it takes, until the socket is closed (by either side) or broken. */
    public void awaitClosed() throws InterruptedException {
        finished.await();
    }

    /** Bytes waiting to be written. */
    public long queuedBytes() {
        return queuedBytes.get();
    }

    public boolean isClosed() {
        return closed;
    }

    private void wake(boolean here) {
        if (!draining.compareAndSet(false, true)) {
            return;
        }
        if (here) {
            drain();
            return;
        }
        try {
            io.execute(this::drain);
        }
        catch (RejectedExecutionException ex) {
            draining.set(false);
            fail(new IOException("the worker's I/O threads are shut down", ex));
        }
    }

    /** Writes what is queued, in order, for as long as each send finishes at once; {@code draining} is held. */
    private void drain() {
        while (true) {
            Object next;
            while ((next = queue.poll()) != null) {
                if (!write(next)) {
                    // Waiting for a send (the drain goes on when it finishes), or done for good.
                    return;
                }
            }
            draining.set(false);
            // A frame queued after the last poll and before the flag dropped would otherwise wait for the next one.
            if (queue.isEmpty() || !draining.compareAndSet(false, true)) {
                return;
            }
        }
    }

    /**
     * Starts writing one item; {@code true} when it is written and the drain may go on at once, {@code false}
     * when the drain stops here: it goes on once the send finishes, or the socket is closed or broken.
     */
    private boolean write(Object item) {
        if (closed) {
            discardQueue();
            return false;
        }
        if (item instanceof Close close) {
            closed = true;
            discardQueue();
            roomMade();
            endOnIo("close", () -> socket.close(close.code(), close.reason()));
            return false;
        }
        CompletableFuture<?> sending;
        try {
            sending = start(item);
        }
        catch (RuntimeException ex) {
            fail(ex);
            return false;
        }
        if (!sending.isDone()) {
            sending.whenComplete((written, error) -> {
                if (error != null) {
                    fail(error);
                }
                else {
                    drain();
                }
            });
            return false;
        }
        if (sending.isCompletedExceptionally()) {
            sending.whenComplete((written, error) -> fail(error));
            return false;
        }
        return true;
    }

    private CompletableFuture<?> start(Object item) {
        if (item == PING) {
            return socket.sendPing();
        }
        if (item instanceof Binary binary) {
            queuedBytes.addAndGet(-binary.bytes().length);
            roomMade();
            return socket.sendBinary(ByteBuffer.wrap(binary.bytes()));
        }
        byte[] frame = (byte[]) item;
        queuedBytes.addAndGet(-frame.length);
        roomMade();
        return socket.sendText(new String(frame, StandardCharsets.UTF_8));
    }

    /** How the socket is ended: a close or an abort; either may block, so it runs on the I/O executor. */
    private interface Ending {
        void run() throws IOException;
    }

    private void endOnIo(String what, Ending ending) {
        try {
            io.execute(() -> {
                try {
                    ending.run();
                }
                catch (IOException | RuntimeException ex) {
                    log.debug("{} failed: {}", what, ex.toString());
                }
                finally {
                    finished.countDown();
                }
            });
        }
        catch (RejectedExecutionException ex) {
            finished.countDown();
            log.debug("{} skipped: the worker's I/O threads are shut down", what);
        }
    }

    private void discardQueue() {
        queue.clear();
        queuedBytes.set(0);
    }

    private void fail(Throwable cause) {
        discardQueue();
        if (!closed) {
            closed = true;
            finished.countDown();
            roomMade();
            Throwable why = cause instanceof CompletionException && cause.getCause() != null
                    ? cause.getCause() : cause;
            log.debug("write failed: {}", why.toString());
            onFailure.accept(why);
        }
    }
}
