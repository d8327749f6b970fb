package dev.iii.sdk;

import dev.iii.protocol.Message;
import dev.iii.protocol.MessageCodec;
import dev.iii.protocol.ProtocolException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/**
 * Receives the frames of one connection attempt. Text frames arrive in parts (so the container's small
 * buffer never limits the frame size) and are joined here up to the configured maximum; each complete
 * frame is decoded on the socket's thread and handed on. A frame that is too large or malformed is logged
 * and dropped; the connection stays up.
 */
final class EngineSocketHandler extends AbstractWebSocketHandler {

    /** What the handler reports to; implemented by the connection supervisor. */
    interface Events {
        EngineConnection opened(EngineSocketHandler handler, WebSocketSession session);

        void received(EngineConnection connection, Message message);

        void closed(EngineConnection connection, CloseStatus status, Throwable error);
    }

    private static final Logger log = LoggerFactory.getLogger(EngineSocketHandler.class);

    private final long attempt;
    private final MessageCodec codec;
    private final int maxMessageSize;
    private final Events events;
    private final StringBuilder partial = new StringBuilder();
    private boolean discardingOversized;
    private volatile EngineConnection connection;

    EngineSocketHandler(long attempt, MessageCodec codec, int maxMessageSize, Events events) {
        this.attempt = attempt;
        this.codec = codec;
        this.maxMessageSize = maxMessageSize;
        this.events = events;
    }

    long attempt() {
        return attempt;
    }

    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        connection = events.opened(this, session);
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        EngineConnection current = connection;
        if (current == null) {
            return;
        }
        current.touch();
        String text = join(message);
        if (text == null) {
            return;
        }
        Message decoded;
        try {
            decoded = codec.decode(text);
        }
        catch (ProtocolException ex) {
            log.warn("Dropped a frame from the engine that is not a valid message ({} characters): {}",
                    text.length(), ex.getMessage());
            return;
        }
        events.received(current, decoded);
    }

    /** The complete frame once its last part arrived, else {@code null}. */
    private String join(TextMessage message) {
        String payload = message.getPayload();
        if (message.isLast() && partial.isEmpty() && !discardingOversized) {
            return payload;
        }
        if (!discardingOversized) {
            if (partial.length() + payload.length() > maxMessageSize) {
                log.warn("Dropped a frame from the engine larger than the maximum message size of {} characters",
                        maxMessageSize);
                partial.setLength(0);
                partial.trimToSize();
                discardingOversized = true;
            }
            else {
                partial.append(payload);
            }
        }
        if (!message.isLast()) {
            return null;
        }
        if (discardingOversized) {
            discardingOversized = false;
            return null;
        }
        String text = partial.toString();
        partial.setLength(0);
        return text;
    }

    @Override
    protected void handlePongMessage(WebSocketSession session, PongMessage message) {
        EngineConnection current = connection;
        if (current != null) {
            current.touch();
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("transport error on attempt {}: {}", attempt, exception.toString());
        EngineConnection current = connection;
        if (current != null) {
            events.closed(current, CloseStatus.SERVER_ERROR, exception);
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        EngineConnection current = connection;
        if (current != null) {
            events.closed(current, status, null);
        }
    }
}
