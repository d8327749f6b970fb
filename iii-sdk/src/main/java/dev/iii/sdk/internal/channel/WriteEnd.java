package dev.iii.sdk.internal.channel;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import dev.iii.sdk.channel.ChannelException;
import dev.iii.sdk.channel.ChannelRef;
import dev.iii.sdk.channel.ChannelWriter;
import dev.iii.sdk.internal.calls.WaitRefusingFuture;
import dev.iii.sdk.internal.transport.FrameWriter;
import dev.iii.sdk.internal.transport.WebSocketSends;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A write end: bytes are gathered into frames of {@link ChannelWriter#FRAME_SIZE}, and frames and messages go
 * out in order through the socket's one {@link FrameWriter}, whose drain task on the I/O executor is the only
 * thread that waits on the socket. The application's thread waits for room in that writer's queue
 * ({@link #QUEUE_BYTES}), so while the engine's buffer is full and the engine stops reading, the application
 * waits too: that is the back-pressure, and memory stays bounded. A write socket has no send timeout: a slow
 * reader may hold it back as long as it takes. Opens on first use.
 */
final class WriteEnd extends ChannelWriter implements OpenEnd {

    private static final Logger log = LoggerFactory.getLogger(WriteEnd.class);

    /** Frames that may wait for the socket: 16 of 64 KiB. */
    static final long QUEUE_BYTES = 1024 * 1024;
    private static final long CLOSE_EXPLANATION_WAIT_MS = 2000;

    private final ChannelRef ref;
    private final ChannelEnds owner;
    /** Refuses to be waited for in a non-blocking handler: the socket's open completes on the thread it holds. */
    private final CompletableFuture<FrameWriter> writer = new WaitRefusingFuture<>();
    private final AtomicLong refused = new AtomicLong();

    // guarded by this (the application's side)
    private byte[] pending;
    private int pendingLength;
    private boolean started;
    private boolean closedHere;

    /** Why the end cannot be written any more, once that is so. */
    private volatile ChannelException failure;
    /** A write failed: the socket broke, most often because the engine is closing it. */
    private volatile ChannelException writeFailure;
    /** Completed when the socket closed, with what the engine's close means (or {@code null}: no failure). */
    private final CompletableFuture<ChannelException> closeMeaning = new CompletableFuture<>();
    private volatile boolean closing;

    WriteEnd(ChannelRef ref, ChannelEnds owner) {
        this.ref = ref;
        this.owner = owner;
    }

    @Override
    public ChannelRef ref() {
        return ref;
    }

    @Override
    public synchronized boolean isOpened() {
        return started;
    }

    // ---------------------------------------------------------------- the application's side

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        requireWritable();
        // The socket opens while the first frame is gathered.
        start();
        int at = offset;
        int left = length;
        while (left > 0) {
            if (pendingLength == 0 && left >= FRAME_SIZE) {
                // A whole frame straight from the caller's array, copied once.
                send(Arrays.copyOfRange(bytes, at, at + FRAME_SIZE));
                at += FRAME_SIZE;
                left -= FRAME_SIZE;
                continue;
            }
            if (pending == null) {
                pending = new byte[FRAME_SIZE];
            }
            int count = Math.min(left, FRAME_SIZE - pendingLength);
            System.arraycopy(bytes, at, pending, pendingLength, count);
            pendingLength += count;
            at += count;
            left -= count;
            if (pendingLength == FRAME_SIZE) {
                send(pending);
                pending = null;
                pendingLength = 0;
            }
        }
    }

    /** Sends the bytes gathered so far as one frame. */
    @Override
    public synchronized void flush() throws IOException {
        requireWritable();
        flushPending();
    }

    @Override
    public synchronized void sendMessage(String message) throws IOException {
        Objects.requireNonNull(message, "message");
        requireWritable();
        flushPending();
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        FrameWriter socket = awaitRoom(text.length);
        if (!socket.send(text)) {
            throw failureOrClosed();
        }
    }

    /**
     * Sends what is gathered and ends the stream (a normal close, 1000), waiting until the engine has been told;
     * also opens an end that was never used, so that its reader sees the end. Closing again does nothing.
     *
     * @throws ChannelException when the channel failed before everything was sent
     */
    @Override
    public synchronized void close() throws IOException {
        if (closedHere) {
            return;
        }
        ChannelException failed = failure;
        if (failed == null && writeFailure == null) {
            start();
            flushPending();
        }
        closedHere = true;
        closing = true;
        try {
            FrameWriter socket = awaitWriter();
            socket.close(SocketClose.NORMAL.code(), "");
            socket.awaitClosed();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while closing channel " + ref.channelId());
        }
        catch (ChannelException ex) {
            failed = failed != null ? failed : ex;
        }
        finally {
            owner.forget(this);
        }
        if (failure != null || writeFailure != null || failed != null) {
            throw failure != null || writeFailure != null ? failureOrClosed() : failed;
        }
    }

    @Override
    public void abort() {
        failure = failure != null ? failure : new ChannelException(ref.channelId(), "The write end of channel "
                + ref.channelId() + " was aborted");
        writer.thenAccept(socket -> socket.abort(SocketClose.GOING_AWAY.code(), "aborted"));
        owner.forget(this);
    }

    private void flushPending() throws IOException {
        if (pendingLength > 0) {
            byte[] frame = pendingLength == FRAME_SIZE ? pending : Arrays.copyOf(pending, pendingLength);
            pendingLength = 0;
            send(frame);
        }
    }

    private void send(byte[] frame) throws IOException {
        FrameWriter socket = awaitRoom(frame.length);
        if (!socket.sendBinary(frame)) {
            throw failureOrClosed();
        }
    }

    private FrameWriter awaitRoom(int size) throws IOException {
        FrameWriter socket = awaitWriter();
        try {
            if (!socket.awaitRoom(size)) {
                throw failureOrClosed();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing channel " + ref.channelId());
        }
        return socket;
    }

    private FrameWriter awaitWriter() throws ChannelException, InterruptedIOException {
        start();
        try {
            return writer.get();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while opening channel " + ref.channelId());
        }
        catch (ExecutionException ex) {
            throw ex.getCause() instanceof ChannelException channel ? channel : failureOrClosed();
        }
    }

    private synchronized void requireWritable() throws ChannelException {
        if (failure != null || writeFailure != null) {
            throw failureOrClosed();
        }
        if (closedHere) {
            throw new ChannelException(ref.channelId(), "The write end of channel " + ref.channelId()
                    + " is closed");
        }
    }

    private ChannelException failureOrClosed() {
        ChannelException failed = failure;
        if (failed == null && !closing) {
            // The socket broke under a write, or is closing: the close explains it best, and follows closely.
            try {
                failed = closeMeaning.get(CLOSE_EXPLANATION_WAIT_MS, TimeUnit.MILLISECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            catch (ExecutionException | TimeoutException ex) {
                // The write's own failure stands.
            }
            failed = failed != null ? failed : writeFailure;
        }
        return failed != null ? failed : new ChannelException(ref.channelId(), "The write end of channel "
                + ref.channelId() + " is closed");
    }

    private synchronized void start() throws ChannelException {
        if (started) {
            return;
        }
        started = true;
        try {
            owner.opening(this);
            owner.sockets().open(ref, new SocketListener()).whenComplete((open, error) -> {
                if (error != null) {
                    refuse(error.getCause() instanceof ChannelException channel ? channel
                            : new ChannelException(ref.channelId(), "Cannot open the write end of channel "
                                    + ref.channelId()));
                }
            });
        }
        catch (ChannelException ex) {
            // Recorded, so that every later write and close fails the same way at once instead of waiting for
            // a socket that is never opened.
            refuse(ex);
            throw ex;
        }
        catch (RuntimeException ex) {
            ChannelException refused = new ChannelException(ref.channelId(), "Cannot open the write end of channel "
                    + ref.channelId() + ": " + ex.getClass().getSimpleName());
            refuse(refused);
            throw refused;
        }
    }

    private void refuse(ChannelException refused) {
        failure = failure != null ? failure : refused;
        writer.completeExceptionally(refused);
        owner.forget(this);
    }

    // ---------------------------------------------------------------- the socket's side

    /**
     * What the engine's side of the socket says, on the socket's reading thread: only that it closed, since the engine
     * sends nothing to a writer.
     */
    final class SocketListener implements WebSocket.Listener {

        private final CompletableFuture<Void> inputClosed = new CompletableFuture<>();

        @Override
        public void onOpen(WebSocket socket) {
            // No send timeout: a slow reader may hold a write back as long as it takes; an abort still ends it.
            WebSocketSends writes = new WebSocketSends(socket, null, inputClosed,
                    ended -> closed(SocketClose.NO_CLOSE_FRAME, ended));
            FrameWriter frames = new FrameWriter(writes, owner.io(), QUEUE_BYTES, refused,
                    error -> writeFailure = new ChannelException(ref.channelId(), "Writing channel "
                            + ref.channelId() + " failed: " + error.getClass().getSimpleName()));
            if (!writer.complete(frames)) {
                // The open was given up (timed out, refused here) before the handshake finished: nobody writes
                // this socket, and left open it would let the engine believe the writer is still there. Not a
                // normal close: the reader must not take an unwritten stream for a complete one.
                socket.sendClose(SocketClose.GOING_AWAY.code(), "");
            }
            socket.request(1);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
            inputClosed.complete(null);
            closed(new SocketClose(code, reason), null);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            inputClosed.complete(null);
            closed(SocketClose.NO_CLOSE_FRAME, error);
        }
    }

    private void closed(SocketClose status, Throwable error) {
        // Only the engine's answer to this end's own normal close is no failure.
        ChannelException meaning = null;
        if (!closing || error != null || status.code() != SocketClose.NORMAL.code()) {
            meaning = EngineCloses.forWriter(ref, status, error);
            failure = failure != null ? failure : meaning;
        }
        closeMeaning.complete(meaning);
        writer.thenAccept(FrameWriter::discard);
        owner.forget(this);
    }
}
