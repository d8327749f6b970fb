package dev.iii.engine;

/**
 * The write end of a channel on a worker's socket: every message it sends goes into the channel. While the channel
 * is full the socket is not read (no frame is asked for), so the worker's writes wait in its own TCP buffers, as
 * with the real engine's bounded channel; reading goes on once the reader took a message. When the reader goes away
 * the socket is closed with 1011 (the real engine drops it).
 */
final class ChannelWriteSocket extends ChannelEnd implements EngineChannel.Writer {

    // guarded by this
    private boolean closing;

    ChannelWriteSocket(EngineCore core, EngineChannel channel) {
        super(core, channel, EngineChannel.Direction.WRITE);
    }

    @Override
    void attached() {
        channel.attach(this);
    }

    /** One whole message from the worker, on the socket's thread. */
    @Override
    void message(boolean isText, byte[] bytes) {
        if (!channel.offer(new EngineChannel.Item(isText, bytes))) {
            readerGone();
        }
    }

    @Override
    boolean mayRead() {
        return !channel.isFull();
    }

    @Override
    public void changed() {
        if (channel.isReaderGone()) {
            readerGone();
            return;
        }
        readMore();
    }

    /**
     * The worker closed its end ({@code clean}) or the socket broke. From here on the reader leaving is no failure
     * of this end: a reader that read the stream to its end leaves right after, while the Close is being answered.
     */
    @Override
    void detached(boolean clean) {
        synchronized (this) {
            closing = true;
        }
        channel.writerFinished(clean);
    }

    private void readerGone() {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        channel.writerFinished(false);
        close(SocketClose.unexpected("the reader of the channel is gone"));
    }
}
