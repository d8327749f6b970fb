package dev.iii.engine;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import org.apache.tomcat.websocket.WsSession;

/**
 * The write end of a channel on a worker's socket: every message it sends goes into the channel. While the
 * channel is full the socket is not read (Tomcat's {@link WsSession#suspend()}), so the worker's writes wait in
 * its own TCP buffers, as with the real engine's bounded channel; reading resumes once the reader took a
 * message. When the reader goes away the socket is closed with 1011 (the real engine drops it).
 */
final class ChannelWriteSocket implements EngineChannel.Writer {

    private final WsSession session;
    private final EngineChannel channel;
    private final SessionCloser closer;

    // guarded by this
    private boolean suspended;
    private boolean closing;

    ChannelWriteSocket(Session session, EngineChannel channel, SessionCloser closer) {
        this.session = (WsSession) session;
        this.channel = channel;
        this.closer = closer;
    }

    /** One whole message from the worker, on the socket's thread. */
    void received(EngineChannel.Item item) {
        if (!channel.offer(item)) {
            readerGone();
            return;
        }
        holdBackWhileFull();
    }

    @Override
    public void changed() {
        if (channel.isReaderGone()) {
            readerGone();
            return;
        }
        holdBackWhileFull();
    }

    /**
     * The worker closed its end ({@code clean}) or the socket broke. From here on the reader leaving is no failure
     * of this end: a reader that read the stream to its end leaves right after, while the Close is being answered.
     */
    void closed(boolean clean) {
        synchronized (this) {
            closing = true;
        }
        channel.writerFinished(clean);
    }

    /**
     * Suspends or resumes reading so that it matches the channel now; called after every change, from whichever
     * thread made it, so the last call always sees the latest state.
     */
    private synchronized void holdBackWhileFull() {
        boolean hold = channel.isFull();
        if (hold == suspended || closing) {
            return;
        }
        suspended = hold;
        if (hold) {
            session.suspend();
        }
        else {
            session.resume();
        }
    }

    private void readerGone() {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        channel.writerFinished(false);
        closer.close(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "the reader of the channel is gone"));
    }
}
