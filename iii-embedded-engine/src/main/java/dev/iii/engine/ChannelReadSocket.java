package dev.iii.engine;

import java.nio.ByteBuffer;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read end of a channel on a worker's socket: sends the channel's messages in order, one in flight at a
 * time, through Tomcat's non-blocking writes (each write's completion starts the next, as {@link FrameSender}
 * does), and closes the socket once the stream has ended: 1000 when the writer closed its end, 1011 when it went
 * away without closing or never came (the real engine closes without a status in every case).
 */
final class ChannelReadSocket implements EngineChannel.Reader {

    private static final Logger log = LoggerFactory.getLogger(ChannelReadSocket.class);

    private final Session session;
    private final RemoteEndpoint.Async remote;
    private final EngineChannel channel;
    private final SessionCloser closer;

    // guarded by this
    /** A message is in flight, or the sending thread is about to start one. */
    private boolean writing;
    private boolean done;

    ChannelReadSocket(Session session, EngineChannel channel, SessionCloser closer) {
        this.session = session;
        this.remote = session.getAsyncRemote();
        this.channel = channel;
        this.closer = closer;
    }

    @Override
    public void changed() {
        if (claimWriter()) {
            writeNext();
        }
    }

    /** The worker closed the socket or it broke: the writer is told the reader is gone. */
    void closed() {
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
                send(item);
                return;
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

    private void send(EngineChannel.Item item) {
        try {
            if (item.text()) {
                remote.sendText(item.asText(), this::written);
            }
            else {
                remote.sendBinary(ByteBuffer.wrap(item.bytes()), this::written);
            }
        }
        catch (IllegalStateException ex) {
            log.debug("{}: the reader's socket closed under a write: {}", channel, ex.toString());
            closed();
        }
    }

    /** Runs on a Tomcat thread when a message has been written (or has failed). */
    private void written(SendResult result) {
        if (!result.isOK()) {
            log.debug("{}: write to the reader failed: {}", channel, String.valueOf(result.getException()));
            closed();
            return;
        }
        writeNext();
    }

    private void finish(EngineChannel.Ending ending) {
        channel.readerFinished();
        CloseReason reason = switch (ending) {
            case CLOSED -> new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "");
            case WRITER_GONE -> new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION,
                    "the writer went away without closing the channel");
            case EXPIRED -> new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION,
                    "the channel expired before its writer connected");
        };
        if (session.isOpen()) {
            closer.close(reason);
        }
    }
}
