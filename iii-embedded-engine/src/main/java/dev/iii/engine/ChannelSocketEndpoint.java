package dev.iii.engine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A channel end at {@code /ws/channels/{id}?key=...&dir=read|write} (wire specification §10). The upgrade was
 * let through by {@link ChannelUpgradeFilter} (wrong id or key: 404); here the end is opened, once: a second
 * open is closed at once, with 1008 (the real engine closes it without a status, which a reader cannot tell
 * from an empty stream). Messages of any size up to the engine's limit are gathered whole, as the real engine
 * forwards whole messages.
 */
final class ChannelSocketEndpoint extends Endpoint {

    private static final Logger log = LoggerFactory.getLogger(ChannelSocketEndpoint.class);

    private final EngineCore core;
    private ChannelReadSocket reader;
    private ChannelWriteSocket writer;

    ChannelSocketEndpoint(EngineCore core) {
        this.core = core;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        WorkerSocketEndpoint.configure(session);
        SessionCloser closer = new SessionCloser(session, core.executor);
        EngineChannel.Direction direction = "read".equals(first(session, "dir")) ? EngineChannel.Direction.READ
                : EngineChannel.Direction.WRITE;
        EngineChannel channel = core.channels.find(session.getPathParameters().get("id"), first(session, "key"));
        if (channel == null || !channel.claim(direction)) {
            log.warn("{} end of {} refused: it is open already", direction == EngineChannel.Direction.READ ? "Read"
                    : "Write", channel != null ? channel : "a channel that is gone");
            closer.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "channel end already open"));
            return;
        }
        log.debug("{}: {} end open", channel, direction);
        if (direction == EngineChannel.Direction.READ) {
            reader = new ChannelReadSocket(session, channel, closer);
            // The engine never reads what a reader sends, as the real one; it is accepted and dropped.
            session.addMessageHandler(String.class, (MessageHandler.Partial<String>) (part, last) -> { });
            session.addMessageHandler(ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) (part, last) -> { });
            channel.attach(reader);
            return;
        }
        writer = new ChannelWriteSocket(session, channel, closer);
        Runnable tooBig = () -> closer.close(new CloseReason(CloseReason.CloseCodes.TOO_BIG, "message too big"));
        MessageBytes text = new MessageBytes(core.options.maxMessageBytes(),
                bytes -> writer.received(new EngineChannel.Item(true, bytes)), tooBig);
        MessageBytes binary = new MessageBytes(core.options.maxMessageBytes(),
                bytes -> writer.received(new EngineChannel.Item(false, bytes)), tooBig);
        session.addMessageHandler(String.class,
                (MessageHandler.Partial<String>) (part, last) -> text.add(part.getBytes(StandardCharsets.UTF_8), last));
        session.addMessageHandler(ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) binary::add);
        channel.attach(writer);
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        if (reader != null) {
            reader.closed();
        }
        if (writer != null) {
            writer.closed(closeReason.getCloseCode().getCode() == CloseReason.CloseCodes.NORMAL_CLOSURE.getCode());
        }
    }

    @Override
    public void onError(Session session, Throwable failure) {
        log.debug("channel socket error: {}", failure.toString());
    }

    private static String first(Session session, String parameter) {
        List<String> values = session.getRequestParameterMap().get(parameter);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
