package dev.iii.sdk.internal.channel;

import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/**
 * Reads a channel end's socket on the container's thread and hands what arrives, in parts, to the end. It never
 * writes: a writer end writes through its {@code FrameWriter}.
 */
final class ChannelSocketHandler extends AbstractWebSocketHandler {

    private final SocketEvents end;
    private final AtomicBoolean closeReported = new AtomicBoolean();

    ChannelSocketHandler(SocketEvents end) {
        this.end = end;
    }

    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        end.opened(session);
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        end.text(message.getPayload(), message.isLast());
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
        end.binary(message.getPayload(), message.isLast());
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        if (closeReported.compareAndSet(false, true)) {
            end.closed(CloseStatus.SERVER_ERROR, exception);
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        if (closeReported.compareAndSet(false, true)) {
            end.closed(status, null);
        }
    }
}
