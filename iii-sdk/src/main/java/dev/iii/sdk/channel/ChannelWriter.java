package dev.iii.sdk.channel;

import java.io.IOException;
import java.io.OutputStream;

import dev.iii.sdk.internal.channel.ChannelEndJson;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * The write end of a data channel: an {@link OutputStream} for bytes, and {@link #sendMessage(String)} for
 * text messages, which the reader receives in order with the bytes.
 * <p>
 * Bytes are sent in binary frames of at most {@link #FRAME_SIZE} bytes, as the other SDKs send them; small
 * writes are gathered into one frame until it is full or {@link #flush()} is called. Writing is held back by the
 * reader: when the engine's buffer for the channel is full, {@code write} waits until the reader has taken
 * something, so a slow reader slows the writer down and memory stays bounded. {@link #close()} sends what is
 * left and ends the stream; it returns once the engine has been told. The end opens on first use (a writer that
 * is closed unused still opens, so that its reader sees the stream end). Once the reader is gone, the engine
 * does not know the channel, or the end is open elsewhere, every call fails with a {@link ChannelException}.
 * <p>
 * A writer that was not used yet can be passed on to another worker inside a payload: it is written as its
 * {@link ChannelRef}. One thread at a time should write.
 */
@JsonSerialize(using = ChannelEndJson.Serializer.class)
@JsonDeserialize(using = ChannelEndJson.WriterDeserializer.class)
public abstract class ChannelWriter extends OutputStream {

    /** The largest binary frame a writer sends: 64 KiB. */
    public static final int FRAME_SIZE = 64 * 1024;

    protected ChannelWriter() {
    }

    /** The ref of this end, to pass on to another worker. */
    public abstract ChannelRef ref();

    /** The channel's id. */
    public String channelId() {
        return ref().channelId();
    }

    /**
     * Sends a text message, after the bytes written before it (they are flushed first).
     *
     * @throws ChannelException when the channel cannot be written
     */
    public abstract void sendMessage(String message) throws IOException;

    /**
     * Ends the write end at once, from any thread and without waiting: what is queued is dropped, a write that
     * waits fails, and the reader's stream fails instead of ending. For giving up (a timeout, a cancelled
     * transfer); {@link #close()} is the normal end.
     */
    public abstract void abort();

    @Override
    public String toString() {
        return "ChannelWriter[channel " + channelId() + "]";
    }
}
