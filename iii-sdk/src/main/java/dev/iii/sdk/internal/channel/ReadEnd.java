package dev.iii.sdk.internal.channel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

import dev.iii.sdk.channel.ChannelException;
import dev.iii.sdk.channel.ChannelReader;
import dev.iii.sdk.channel.ChannelRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A read end: the application's side of a {@link ReadQueue}, which holds what the socket delivered and holds the
 * socket back when the application falls behind. Opens on first use; text messages go to the message handler
 * on the thread that reads.
 */
final class ReadEnd extends ChannelReader implements OpenEnd {

    private static final Logger log = LoggerFactory.getLogger(ReadEnd.class);

    private final ChannelRef ref;
    private final ChannelEnds owner;
    private final Executor deliveries;
    private final ReadQueue queue;

    private volatile Consumer<String> messageHandler;
    // guarded by this
    private BytesPublisher publisher;

    ReadEnd(ChannelRef ref, ChannelEnds owner, Executor io, Executor deliveries, int maxMessageBytes) {
        this.ref = ref;
        this.owner = owner;
        this.deliveries = deliveries;
        this.queue = new ReadQueue(ref, io, maxMessageBytes, () -> owner.forget(this));
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
    public boolean isOpened() {
        return queue.isStarted();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int read = read(one, 0, 1);
        return read < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        start();
        return queue.read(buffer, offset, length, this::deliver);
    }

    @Override
    public int available() {
        return queue.available();
    }

    /** Ends the reader here: the engine hears the reader is gone, what was read ahead is dropped. */
    @Override
    public void close() {
        if (queue.closeHere()) {
            owner.forget(this);
        }
    }

    /** Aborts the end when the worker shuts down. */
    @Override
    public void abort() {
        queue.abort(new ChannelException(ref.channelId(), "The worker shut down while channel " + ref.channelId()
                + " was being read"));
    }

    /** Opens the end on first use. */
    void start() throws ChannelException {
        if (!queue.begin()) {
            return;
        }
        try {
            owner.opening(this);
            openSocket();
        }
        catch (ChannelException ex) {
            // Recorded, so that every later read fails the same way at once instead of waiting for a socket.
            queue.fail(ex);
            throw ex;
        }
        catch (RuntimeException ex) {
            ChannelException refused = new ChannelException(ref.channelId(), "Cannot open the read end of channel "
                    + ref.channelId() + ": " + ex.getClass().getSimpleName());
            queue.fail(refused);
            throw refused;
        }
    }

    private void openSocket() {
        owner.sockets().open(ref, new DemandedReadSocket(queue)).whenComplete((open, error) -> {
            if (error != null) {
                queue.fail(error.getCause() instanceof ChannelException channel ? channel
                        : new ChannelException(ref.channelId(), "Cannot open the read end of channel "
                                + ref.channelId()));
            }
        });
    }

    /** See {@link ReadQueue#poll}. */
    Object poll(boolean bytes) {
        return queue.poll(bytes);
    }

    /** See {@link ReadQueue#listen}. */
    void listen(Runnable action) {
        queue.listen(action);
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

    /** See {@link ReadQueue#isSocketClosed}. */
    boolean isSocketClosed() {
        return queue.isSocketClosed();
    }

    /** See {@link ReadQueue#isSuspended}. */
    boolean isSuspended() {
        return queue.isSuspended();
    }
}
