package dev.iii.sdk.internal.channel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.iii.sdk.channel.ChannelOpener;
import dev.iii.sdk.channel.ChannelReader;
import dev.iii.sdk.channel.ChannelRef;
import dev.iii.sdk.channel.ChannelWriter;

/**
 * The channel opener of one invocation: binding the same ref twice (a framework binding the payload, and the
 * handler taking the request apart) gives the same end. It lives as long as the invocation's context.
 */
final class InvocationChannels implements ChannelOpener {

    private final ChannelEnds ends;
    /** Made on first use: most invocations carry no channel. */
    private volatile Map<ChannelRef, Object> made;

    InvocationChannels(ChannelEnds ends) {
        this.ends = ends;
    }

    @Override
    public ChannelReader reader(ChannelRef ref) {
        return (ChannelReader) made().computeIfAbsent(ref, ends::reader);
    }

    @Override
    public ChannelWriter writer(ChannelRef ref) {
        return (ChannelWriter) made().computeIfAbsent(ref, ends::writer);
    }

    private Map<ChannelRef, Object> made() {
        Map<ChannelRef, Object> current = made;
        if (current == null) {
            synchronized (this) {
                current = made;
                if (current == null) {
                    current = new ConcurrentHashMap<>();
                    made = current;
                }
            }
        }
        return current;
    }
}
