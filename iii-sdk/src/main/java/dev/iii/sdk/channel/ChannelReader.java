package dev.iii.sdk.channel;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

import dev.iii.sdk.internal.channel.ChannelEndJson;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * The read end of a data channel: an {@link InputStream} of the bytes the writer sent, ending when the writer
 * closes its end. Text messages are handed to the {@link #onMessage message handler} at their place in the
 * stream, on the thread that reads it; without a handler they are skipped. To read a channel that carries only
 * messages: {@code reader.onMessage(handler).readAllBytes()}.
 * <p>
 * For reactive code, {@link #publisher()} offers the bytes as a {@link Flow.Publisher} (adapt it with Reactor's
 * {@code JdkFlowAdapter.flowPublisherToFlux}); it delivers on the worker's handler threads, as fast as its
 * subscriber asks.
 * <p>
 * The reader holds back the writer: it reads ahead a bounded amount and then stops reading from the engine until
 * the application has taken some, so memory stays bounded however fast the writer is. The end opens on first
 * use. A stream that ends because the writer went away, or a channel the engine does not know (a wrong access
 * key), fails with a {@link ChannelException} naming the channel.
 * <p>
 * A reader that was not used yet can be passed on to another worker inside a payload: it is written as its
 * {@link ChannelRef}. Read from one thread at a time.
 */
@JsonSerialize(using = ChannelEndJson.Serializer.class)
@JsonDeserialize(using = ChannelEndJson.ReaderDeserializer.class)
public abstract class ChannelReader extends InputStream {

    protected ChannelReader() {
    }

    /** The ref of this end, to pass on to another worker. */
    public abstract ChannelRef ref();

    /** The channel's id. */
    public String channelId() {
        return ref().channelId();
    }

    /**
     * Sets what receives the text messages, replacing any handler set before.
     *
     * @return this reader
     */
    public abstract ChannelReader onMessage(Consumer<String> handler);

    /**
     * The bytes as a publisher for one subscriber, each item a binary frame as it arrived (text messages go to the
     * message handler). Subscribing opens the end; the stream's end is {@code onComplete}, a failure
     * {@code onError} with a {@link ChannelException}; cancelling closes the end.
     */
    public abstract Flow.Publisher<ByteBuffer> publisher();

    @Override
    public String toString() {
        return "ChannelReader[channel " + channelId() + "]";
    }
}
