package dev.iii.sdk.internal.channel;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import dev.iii.sdk.channel.ChannelException;
import dev.iii.sdk.channel.ChannelRef;
import dev.iii.sdk.internal.transport.FrameAssembler;
import org.apache.tomcat.websocket.WsSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * What a read end's socket delivered and the application has not taken yet: the container's thread queues bytes
 * as chunks and text messages whole, and the application takes them in order. The queue reads ahead at most
 * {@link #READ_AHEAD_BYTES}; beyond that the socket is not read (Tomcat's {@link WsSession#suspend()}) until the
 * application has taken half of it, so the engine's buffer fills and its writer is held back. The container's
 * thread only queues, wakes and suspends; every field is guarded by this queue's monitor.
 */
final class ReadQueue implements SocketEvents {

    private static final Logger log = LoggerFactory.getLogger(ReadQueue.class);
    /** How much is read ahead of the application: 16 frames of 64 KiB. */
    static final long READ_AHEAD_BYTES = 1024 * 1024;
    private static final long RESUME_BELOW = READ_AHEAD_BYTES / 2;
    /** What {@link #poll} answers once the stream has ended. */
    static final Object END = new Object();

    /** A text message as queued, with its size in UTF-8 bytes. */
    private record Text(String text, int size) {
    }

    private final ChannelRef ref;
    private final Executor io;
    private final Runnable done;
    private final FrameAssembler textParts;
    private final int maxMessageBytes;
    private final Object flow = new Object();
    private final SessionCloser closer;

    private final ArrayDeque<Object> items = new ArrayDeque<>();
    private long bufferedBytes;
    private boolean started;
    private boolean ended;
    private ChannelException failure;
    private boolean closedHere;
    private WebSocketSession session;
    private byte[] current;
    private int position;
    /** Whether the socket is suspended; flipped only in holdBackWhileFull, which also holds flow. */
    private boolean suspended;

    private volatile Runnable listener;

    /**
     * @param done told once the stream is over on the socket's side (closed, broken or failed), so that the
     *             worker stops tracking the end
     */
    ReadQueue(ChannelRef ref, Executor io, int maxMessageBytes, Runnable done) {
        this.ref = ref;
        this.io = io;
        this.done = done;
        this.maxMessageBytes = maxMessageBytes;
        this.textParts = new FrameAssembler(maxMessageBytes);
        this.closer = new SessionCloser(io, ref.channelId());
    }

    // ---------------------------------------------------------------- the application's side

    /** Marks the end used; {@code false} when it was already. */
    synchronized boolean begin() {
        if (started) {
            return false;
        }
        started = true;
        return true;
    }

    synchronized boolean isStarted() {
        return started;
    }

    /**
     * Copies what comes next into {@code buffer}, waiting for it; text messages met on the way go to
     * {@code messages}, on this thread and without the monitor.
     *
     * @return the bytes copied, at least one, or {@code -1} at the end of the stream
     */
    int read(byte[] buffer, int offset, int length, Consumer<String> messages) throws IOException {
        while (true) {
            String message;
            synchronized (this) {
                while (true) {
                    if (current != null) {
                        int count = Math.min(length, current.length - position);
                        System.arraycopy(current, position, buffer, offset, count);
                        position += count;
                        if (position == current.length) {
                            current = null;
                        }
                        return count;
                    }
                    Object next = takeLocked(true);
                    if (next instanceof byte[] chunk) {
                        current = chunk;
                        position = 0;
                        continue;
                    }
                    if (next instanceof String text) {
                        message = text;
                        break;
                    }
                    if (next == END) {
                        return -1;
                    }
                    if (next instanceof ChannelException error) {
                        throw error;
                    }
                    try {
                        wait();
                    }
                    catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("interrupted while reading channel " + ref.channelId());
                    }
                }
            }
            messages.accept(message);
        }
    }

    synchronized int available() {
        return current == null ? 0 : current.length - position;
    }

    /**
     * Ends the stream here: what was read ahead is dropped and the socket closed.
     *
     * @return {@code false} when it was closed here already
     */
    boolean closeHere() {
        WebSocketSession open;
        synchronized (this) {
            if (closedHere) {
                return false;
            }
            closedHere = true;
            items.clear();
            bufferedBytes = 0;
            current = null;
            open = session;
            notifyAll();
        }
        if (open != null) {
            closer.close(open, CloseStatus.NORMAL);
            // A suspended socket would not read the engine's answer to the close, and would linger until
            // Tomcat's close timeout; what it still reads is dropped.
            resumeIfSuspended();
        }
        signal();
        return true;
    }

    /** Fails the stream with {@code error} unless it ended, and closes the socket as going away. */
    void abort(ChannelException error) {
        WebSocketSession open;
        synchronized (this) {
            if (failure == null && !ended) {
                failure = error;
            }
            open = session;
            notifyAll();
        }
        if (open != null) {
            closer.close(open, CloseStatus.GOING_AWAY);
            resumeIfSuspended();
        }
        signal();
    }

    /**
     * The next thing the stream holds, without waiting: a {@code byte[]} chunk (only when {@code bytes}), a text
     * {@code String}, {@link #END}, the {@link ChannelException} it failed with, or {@code null} when nothing is
     * there yet.
     */
    synchronized Object poll(boolean bytes) {
        return takeLocked(bytes);
    }

    /** Tells {@code action} (on the container's thread; it must not block) whenever something arrives or ends. */
    void listen(Runnable action) {
        this.listener = action;
    }

    /**
     * Whether the socket is closed through and through: the close handshake done or timed out. (Spring reports a
     * socket closed as soon as this side sends its close.)
     */
    boolean isSocketClosed() {
        WsSession socket = nativeSession();
        return socket != null && socket.isClosed();
    }

    /** Whether reading the socket is held back now. */
    synchronized boolean isSuspended() {
        return suspended;
    }

    private Object takeLocked(boolean bytes) {
        if (closedHere) {
            return new ChannelException(ref.channelId(), "The read end of channel " + ref.channelId()
                    + " was closed");
        }
        Object head = items.peek();
        if (head != null) {
            if (head instanceof byte[] && !bytes) {
                return null;
            }
            items.poll();
            bufferedBytes -= head instanceof byte[] chunk ? chunk.length : ((Text) head).size();
            if (suspended && bufferedBytes <= RESUME_BELOW) {
                resumeSoon();
            }
            return head instanceof Text text ? text.text() : head;
        }
        if (failure != null) {
            return failure;
        }
        return ended ? END : null;
    }

    // ---------------------------------------------------------------- the container's side

    @Override
    public void opened(WebSocketSession opened) {
        boolean closeNow;
        synchronized (this) {
            session = opened;
            closeNow = closedHere || failure != null;
        }
        if (closeNow) {
            closer.close(opened, CloseStatus.NORMAL);
        }
    }

    @Override
    public void text(String part, boolean last) {
        FrameAssembler.Frame frame = textParts.append(part, last);
        if (frame instanceof FrameAssembler.Complete complete) {
            queue(new Text(new String(complete.bytes(), 0, complete.length(), StandardCharsets.UTF_8),
                    complete.length()), complete.length());
        }
        else if (frame instanceof FrameAssembler.Oversized oversized) {
            fail(new ChannelException(ref.channelId(), "Channel " + ref.channelId() + " sent a text message of "
                    + oversized.size() + " bytes, more than this worker's limit of " + maxMessageBytes));
            WebSocketSession open = sessionNow();
            if (open != null) {
                closer.close(open, CloseStatus.TOO_BIG_TO_PROCESS);
            }
        }
    }

    @Override
    public void binary(ByteBuffer part, boolean last) {
        if (!part.hasRemaining()) {
            return;
        }
        byte[] chunk = new byte[part.remaining()];
        part.get(chunk);
        queue(chunk, chunk.length);
    }

    @Override
    public void closed(CloseStatus status, Throwable error) {
        synchronized (this) {
            if (!closedHere && failure == null && !ended) {
                failure = EngineCloses.forReader(ref, status, error);
                ended = failure == null;
            }
            notifyAll();
        }
        done.run();
        signal();
    }

    private void queue(Object item, int size) {
        synchronized (this) {
            if (closedHere || failure != null) {
                return;
            }
            items.add(item);
            bufferedBytes += size;
            notifyAll();
        }
        holdBackWhileFull();
        signal();
    }

    /** Fails the stream with {@code error}, unless it ended or failed already. */
    void fail(ChannelException error) {
        synchronized (this) {
            if (failure == null && !ended) {
                failure = error;
            }
            notifyAll();
        }
        done.run();
        signal();
    }

    private void signal() {
        Runnable action = listener;
        if (action != null) {
            action.run();
        }
    }

    private synchronized WebSocketSession sessionNow() {
        return session;
    }

    // ---------------------------------------------------------------- holding the writer back

    /**
     * Suspends reading while too much is read ahead and resumes it once half was taken, or once the end is done
     * here (so the close handshake can be read). Whether to flip {@code suspended} is decided under this end's
     * lock together with the byte count that {@link #takeLocked} changes: a take either sees the flag set and
     * asks for a resume, or happens before the decision, which then sees the drained queue. The flow lock keeps
     * Tomcat's suspend and resume calls in the order of those decisions; neither runs under this end's lock.
     */
    private void holdBackWhileFull() {
        synchronized (flow) {
            WsSession socket = nativeSession();
            if (socket == null) {
                return;
            }
            boolean suspend;
            boolean resume;
            synchronized (this) {
                boolean done = closedHere || failure != null;
                suspend = !suspended && !done && bufferedBytes >= READ_AHEAD_BYTES;
                resume = suspended && (done || bufferedBytes <= RESUME_BELOW);
                if (suspend || resume) {
                    suspended = suspend;
                }
            }
            if (suspend) {
                socket.suspend();
            }
            else if (resume) {
                // Tomcat's client reads what it holds at once, on this thread: never the application's.
                socket.resume();
            }
        }
    }

    private void resumeIfSuspended() {
        boolean held;
        synchronized (this) {
            held = suspended;
        }
        if (held) {
            resumeSoon();
        }
    }

    private void resumeSoon() {
        try {
            io.execute(this::holdBackWhileFull);
        }
        catch (RejectedExecutionException ex) {
            log.debug("channel {}: not resumed, the worker is shutting down", ref.channelId());
        }
    }

    private WsSession nativeSession() {
        WebSocketSession open = sessionNow();
        return open instanceof NativeWebSocketSession nativeSession ? nativeSession.getNativeSession(WsSession.class)
                : null;
    }
}
