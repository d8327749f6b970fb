package dev.iii.sdk.channel;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * For tests of ref binding: an opener whose ends know their ref and nothing else (a reader at its end, a writer
 * that takes everything), and that remembers the refs it was asked for, in order.
 */
public final class RefOnlyChannels implements ChannelOpener {

    /** The refs asked for, in order. */
    public final List<ChannelRef> opened = new CopyOnWriteArrayList<>();

    @Override
    public ChannelReader reader(ChannelRef ref) {
        opened.add(ref);
        return new ChannelReader() {
            @Override
            public ChannelRef ref() {
                return ref;
            }

            @Override
            public ChannelReader onMessage(Consumer<String> handler) {
                return this;
            }

            @Override
            public Flow.Publisher<ByteBuffer> publisher() {
                throw new UnsupportedOperationException("an end that knows its ref only");
            }

            @Override
            public int read() {
                return -1;
            }
        };
    }

    @Override
    public ChannelWriter writer(ChannelRef ref) {
        opened.add(ref);
        return new ChannelWriter() {
            @Override
            public ChannelRef ref() {
                return ref;
            }

            @Override
            public void sendMessage(String message) {
            }

            @Override
            public void abort() {
            }

            @Override
            public void write(int b) {
            }
        };
    }
}
