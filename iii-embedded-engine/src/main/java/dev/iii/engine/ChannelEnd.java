package dev.iii.engine;

import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A channel end at {@code /ws/channels/{id}?key=...&dir=read|write} (wire specification §10), let through by
 * {@link ChannelUpgrade}. It is opened once: a second open is closed at once with 1008 (the real engine closes it
 * without a status, which a reader cannot tell from an empty stream). Messages of any size up to the engine's
 * limit are gathered whole, as the real engine forwards whole messages.
 */
abstract class ChannelEnd extends EngineSocket {

    private static final Logger log = LoggerFactory.getLogger(ChannelEnd.class);

    final EngineChannel channel;
    private final EngineChannel.Direction direction;
    /** The end was claimed and attached; set on the reading thread before any frame, read there and on close. */
    private volatile boolean attached;

    ChannelEnd(EngineCore core, EngineChannel channel, EngineChannel.Direction direction) {
        super(core.options.maxMessageBytes());
        this.channel = channel;
        this.direction = direction;
    }

    /** The end is claimed: it takes part in the channel from now on. */
    abstract void attached();

    /** The socket closed after the end was attached. */
    abstract void detached(boolean clean);

    @Override
    final void opened(CoreSession session) {
        if (!channel.claim(direction)) {
            log.warn("{} end of {} refused: it is open already", direction == EngineChannel.Direction.READ ? "Read"
                    : "Write", channel);
            close(SocketClose.policy("channel end already open"));
            return;
        }
        log.debug("{}: {} end open", channel, direction);
        attached = true;
        attached();
    }

    @Override
    final void closed(int statusCode) {
        if (attached) {
            detached(statusCode == CloseStatus.NORMAL);
        }
    }
}
