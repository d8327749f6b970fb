package dev.iii.engine;

import java.nio.ByteBuffer;

import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read end of a channel on a worker's socket: sends the channel's messages in order, one in flight at a time
 * (each write's completion starts the next, as {@link FrameSender} does), and closes the socket once the stream has
 * ended: 1000 when the writer closed its end, 1011 when it went away without closing or never came (the real engine
 * closes without a status in every case). What the worker sends on it is read and dropped, as the real engine does.
 */
final class ChannelReadSocket extends ChannelEnd implements EngineChannel.Reader {

    private static final Logger log = LoggerFactory.getLogger(ChannelReadSocket.class);

    // guarded by this
    /** A message is in flight, or the sending thread is about to start one. */
    private boolean writing;
    private boolean done;

    ChannelReadSocket(EngineCore core, EngineChannel channel) {
        super(core, channel, EngineChannel.Direction.READ);
    }

    @Override
    void attached() {
        channel.attach(this);
    }

    @Override
    void message(boolean isText, byte[] bytes) {
    }

    @Override
    public void changed() {
        if (claimWriter()) {
            writeNext();
        }
    }

    /** The worker closed the socket or it broke: the writer is told the reader is gone. */
    @Override
    void detached(boolean clean) {
        synchronized (this) {
            done = true;
        }
        channel.readerFinished();
    }

    private synchronized boolean claimWriter() {
        if (writing || done) {
            return false;
        }
        writing = true;
        return true;
    }

    private void writeNext() {
        while (true) {
            EngineChannel.Item item = channel.poll();
            if (item != null) {
                if (send(item)) {
                    return;
                }
                continue;
            }
            EngineChannel.Ending ending = channel.ending();
            synchronized (this) {
                writing = false;
                if (ending != null) {
                    done = true;
                }
            }
            if (ending != null) {
                finish(ending);
                return;
            }
            // A message (or the end) that came after the poll found this end writing and left it to us.
            if ((channel.queued() == 0 && channel.ending() == null) || !claimWriter()) {
                return;
            }
        }
    }

    /**
     * @return whether this thread stops writing: the write is still under way (its completion goes on) or it failed;
     *         {@code false} when it is done and this thread writes the next
     */
    private boolean send(EngineChannel.Item item) {
        SendCompletion sent = new SendCompletion(this::written);
        Frame frame = new Frame(item.text() ? OpCode.TEXT : OpCode.BINARY, true, ByteBuffer.wrap(item.bytes()));
        try {
            session().sendFrame(frame, sent, false);
        }
        catch (RuntimeException ex) {
            sent.failed(ex);
        }
        if (sent.leftToCallback()) {
            return true;
        }
        if (sent.failure() != null) {
            failed(sent.failure());
            return true;
        }
        return false;
    }

    /** Runs on a Jetty thread when a message left to the callback has been written (or has failed). */
    private void written(Throwable failure) {
        if (failure != null) {
            failed(failure);
            return;
        }
        writeNext();
    }

    private void failed(Throwable failure) {
        log.debug("{}: write to the reader failed: {}", channel, failure.toString());
        detached(false);
    }

    private void finish(EngineChannel.Ending ending) {
        channel.readerFinished();
        close(switch (ending) {
            case CLOSED -> SocketClose.normal("");
            case WRITER_GONE -> SocketClose.unexpected("the writer went away without closing the channel");
            case EXPIRED -> SocketClose.unexpected("the channel expired before its writer connected");
        });
    }
}
