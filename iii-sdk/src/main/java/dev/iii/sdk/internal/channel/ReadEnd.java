package dev.iii.sdk.internal.channel;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import dev.iii.sdk.channel.ChannelException;
import dev.iii.sdk.channel.ChannelReader;
import dev.iii.sdk.channel.ChannelRef;
import dev.iii.sdk.internal.transport.FrameAssembler;
import org.apache.tomcat.websocket.WsSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * A read end: what the container's thread receives is queued (bytes as chunks, text messages whole) until the
 * application takes it. The queue reads ahead at most {@link #READ_AHEAD_BYTES}; beyond that the socket is not
 * read (Tomcat's {@link WsSession#suspend()}) until the application has taken half of it, so the engine's buffer
 * fills and its writer is held back. Opens on first use; the container's thread only queues, wakes and suspends.
 */
final class ReadEnd extends ChannelReader implements SocketEvents, OpenEnd {

    private static final Logger log = LoggerFactory.getLogger(ReadEnd.class);
    /** How much is read ahead of the application: 16 frames of 64 KiB. */
    static final long READ_AHEAD_BYTES = 1024 * 1024;
    private static final long RESUME_BELOW = READ_AHEAD_BYTES / 2;
    /** What {@link #poll} answers once the stream has ended. */
    static final Object END = new Object();

    /** A text message as queued, with its size in UTF-8 bytes. */
    private record Text(String text, int size) {
    }

    private final ChannelRef ref;
    private final ChannelEnds owner;
    private final Executor io;
    private final Executor deliveries;
    private final FrameAssembler textParts;
    private final int maxMessageBytes;
    private final Object flow = new Object();

    // guarded by this
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

    private volatile Consumer<String> messageHandler;
    private volatile Runnable listener;
    private BytesPublisher publisher;

    ReadEnd(ChannelRef ref, ChannelEnds owner, Executor io, Executor deliveries, int maxMessageBytes) {
        this.ref = ref;
        this.owner = owner;
        this.io = io;
        this.deliveries = deliveries;
        this.maxMessageBytes = maxMessageBytes;
        this.textParts = new FrameAssembler(maxMessageBytes);
    }

    @Override
    public ChannelRef ref() {
        return ref;
    }

    @Override
    public ChannelReader onMessage(Consumer<String> handler) {
        this.messageHandler = handler;
        return this;
    }

    @Override
    public synchronized Flow.Publisher<ByteBuffer> publisher() {
        if (publisher == null) {
            publisher = new BytesPublisher(this, deliveries);
        }
        return publisher;
    }

    @Override
    public synchronized boolean isOpened() {
        return started;
    }

    // ---------------------------------------------------------------- the application's side

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int read = read(one, 0, 1);
        return read < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        start();
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
            deliver(message);
        }
    }

    @Override
    public synchronized int available() {
        return current == null ? 0 : current.length - position;
    }

    /** Ends the reader here: the engine hears the reader is gone, what was read ahead is dropped. */
    @Override
    public void close() {
        WebSocketSession open;
        synchronized (this) {
            if (closedHere) {
                return;
            }
            closedHere = true;
            items.clear();
            bufferedBytes = 0;
            current = null;
            open = session;
            notifyAll();
        }
        owner.forget(this);
        if (open != null) {
            closeSocket(open, CloseStatus.NORMAL);
            // A suspended socket would not read the engine's answer to the close, and would linger until
            // Tomcat's close timeout; what it still reads is dropped.
            resumeIfSuspended();
        }
        signal();
    }

    /** Aborts the end when the worker shuts down. */
    @Override
    public void abort() {
        WebSocketSession open;
        synchronized (this) {
            if (failure == null && !ended) {
                failure = new ChannelException(ref.channelId(), "The worker shut down while channel "
                        + ref.channelId() + " was being read");
            }
            open = session;
            notifyAll();
        }
        if (open != null) {
            closeSocket(open, CloseStatus.GOING_AWAY);
            resumeIfSuspended();
        }
        signal();
    }

    /** Opens the end on first use. */
    void start() throws ChannelException {
        synchronized (this) {
            if (started) {
                return;
            }
            started = true;
        }
        try {
            owner.opening(this);
            openSocket();
        }
        catch (ChannelException ex) {
            // Recorded, so that every later read fails the same way at once instead of waiting for a socket.
            fail(ex);
            throw ex;
        }
        catch (RuntimeException ex) {
            ChannelException refused = new ChannelException(ref.channelId(), "Cannot open the read end of channel "
                    + ref.channelId() + ": " + ex.getClass().getSimpleName());
            fail(refused);
            throw refused;
        }
    }

    private void openSocket() {
        owner.sockets().open(ref, new ChannelSocketHandler(this)).whenComplete((open, error) -> {
            if (error != null) {
                ChannelException refused = error.getCause() instanceof ChannelException channel ? channel
                        : new ChannelException(ref.channelId(), "Cannot open the read end of channel " + ref.channelId());
                fail(refused);
            }
        });
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

    /** Hands a text message to the message handler, on the calling thread. */
    void deliver(String message) {
        Consumer<String> handler = messageHandler;
        if (handler != null) {
            handler.accept(message);
        }
        else {
            log.debug("channel {}: a text message was skipped: the reader has no message handler", ref.channelId());
        }
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
            closeSocket(opened, CloseStatus.NORMAL);
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
                closeSocket(open, CloseStatus.TOO_BIG_TO_PROCESS);
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
        owner.forget(this);
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

    private void fail(ChannelException error) {
        synchronized (this) {
            if (failure == null && !ended) {
                failure = error;
            }
            notifyAll();
        }
        owner.forget(this);
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

    private void closeSocket(WebSocketSession open, CloseStatus status) {
        try {
            io.execute(() -> {
                try {
                    open.close(status);
                }
                catch (IOException | RuntimeException ex) {
                    log.debug("channel {}: close failed: {}", ref.channelId(), ex.toString());
                }
            });
        }
        catch (RejectedExecutionException ex) {
            log.debug("channel {}: not closed, the worker's I/O threads are stopped", ref.channelId());
        }
    }
}
