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
import dev.iii.sdk.internal.threads.NonBlockingSection;
import dev.iii.sdk.internal.transport.FrameAssembler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a read end's socket delivered and the application has not taken yet: the socket's thread queues bytes
 * as chunks and text messages whole, and the application takes them in order. The queue reads ahead at most
 * {@link #READ_AHEAD_BYTES}: the socket is asked for each next message part ({@link Socket#readMore}) only while
 * less is queued, and after that once the application has taken half of it, so the engine's buffer fills and its
 * writer is held back. The socket's thread only queues, wakes and asks for more; every field is guarded by this
 * queue's monitor.
 */
final class ReadQueue {

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

    private final ArrayDeque<Object> items = new ArrayDeque<>();
    private long bufferedBytes;
    private boolean started;
    private boolean ended;
    private ChannelException failure;
    private boolean closedHere;
    private Socket socket;
    private byte[] current;
    private int position;
    /** Whether the next part was not asked for, because the read-ahead is full. */
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
    }

    /** What the queue needs of its socket; none of it blocks. */
    interface Socket {

        /** Asks for the next message part. */
        void readMore();

        /** Starts the close handshake with {@code status}. */
        void close(SocketClose status);

        /** Whether the close handshake is done both ways. */
        boolean isClosed();
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
                    NonBlockingSection.refuseWait("reading channel " + ref.channelId() + " before its data arrived");
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
        Socket open;
        synchronized (this) {
            if (closedHere) {
                return false;
            }
            closedHere = true;
            items.clear();
            bufferedBytes = 0;
            current = null;
            open = socket;
            notifyAll();
        }
        if (open != null) {
            open.close(SocketClose.NORMAL);
            // A socket held back would not read the engine's answer to the close; what it still reads is dropped.
            resumeIfHeld();
        }
        signal();
        return true;
    }

    /** Fails the stream with {@code error} unless it ended, and closes the socket as going away. */
    void abort(ChannelException error) {
        Socket open;
        synchronized (this) {
            if (failure == null && !ended) {
                failure = error;
            }
            open = socket;
            notifyAll();
        }
        if (open != null) {
            open.close(SocketClose.GOING_AWAY);
            resumeIfHeld();
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

    /** Tells {@code action} (on the socket's thread; it must not block) whenever something arrives or ends. */
    void listen(Runnable action) {
        this.listener = action;
    }

    /** Whether the socket is closed through and through: the close handshake done both ways. */
    boolean isSocketClosed() {
        Socket open = socketNow();
        return open != null && open.isClosed();
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
                suspended = false;
                readMoreSoon(socket);
            }
            return head instanceof Text text ? text.text() : head;
        }
        if (failure != null) {
            return failure;
        }
        return ended ? END : null;
    }

    // ---------------------------------------------------------------- the socket's side

    void opened(Socket opened) {
        boolean closeNow;
        synchronized (this) {
            socket = opened;
            closeNow = closedHere || failure != null;
        }
        if (closeNow) {
            opened.close(SocketClose.NORMAL);
        }
    }

    /** A part of a text message. */
    void text(String part, boolean last) {
        FrameAssembler.Frame frame = textParts.append(part, last);
        if (frame instanceof FrameAssembler.Complete complete) {
            queue(new Text(new String(complete.bytes(), 0, complete.length(), StandardCharsets.UTF_8),
                    complete.length()), complete.length());
        }
        else if (frame instanceof FrameAssembler.Oversized oversized) {
            fail(new ChannelException(ref.channelId(), "Channel " + ref.channelId() + " sent a text message of "
                    + oversized.size() + " bytes, more than this worker's limit of " + maxMessageBytes));
            Socket open = socketNow();
            if (open != null) {
                open.close(SocketClose.TOO_BIG_TO_PROCESS);
            }
        }
    }

    /** A part of a binary message; the buffer is the socket's, valid only during the call. */
    void binary(ByteBuffer part, boolean last) {
        if (!part.hasRemaining()) {
            return;
        }
        byte[] chunk = new byte[part.remaining()];
        part.get(chunk);
        queue(chunk, chunk.length);
    }

    /** The socket closed ({@code error} is {@code null}) or broke. */
    void closed(SocketClose status, Throwable error) {
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

    private synchronized Socket socketNow() {
        return socket;
    }

    // ---------------------------------------------------------------- holding the writer back

    /**
     * Called after each message part the socket delivered (and once when it opened): asks for the next one unless
     * the read-ahead is full, in which case {@link #takeLocked} asks once the application has taken half of it.
     * Both decisions are made under this queue's monitor, so exactly one part is asked for at a time, or none
     * while {@code suspended}. Once the end is done here the socket reads on, so that the close handshake is read,
     * and what it delivers is dropped.
     */
    void partTaken() {
        Socket open;
        synchronized (this) {
            boolean done = closedHere || failure != null;
            if (!done && bufferedBytes >= READ_AHEAD_BYTES) {
                suspended = true;
                return;
            }
            open = socket;
        }
        open.readMore();
    }

    private void resumeIfHeld() {
        Socket open;
        synchronized (this) {
            if (!suspended) {
                return;
            }
            suspended = false;
            open = socket;
        }
        readMoreSoon(open);
    }

    /** Asks for the next part on the I/O executor: the socket may deliver it on the asking thread. */
    private void readMoreSoon(Socket open) {
        try {
            io.execute(open::readMore);
        }
        catch (RejectedExecutionException ex) {
            log.debug("channel {}: not read on, the worker is shutting down", ref.channelId());
        }
    }
}
