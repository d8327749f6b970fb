package dev.iii.sdk.internal.transport;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * A Spring WebSocket session as a {@link FrameWriter}'s socket; only the writer's drain task calls it.
 *
 * @param session the session
 */
public record SessionSocket(WebSocketSession session) implements FrameWriter.Socket {

    private static final PingMessage PING = new PingMessage();

    @Override
    public void sendText(String text) throws IOException {
        session.sendMessage(new TextMessage(text));
    }

    @Override
    public void sendBinary(ByteBuffer bytes) throws IOException {
        session.sendMessage(new BinaryMessage(bytes));
    }

    @Override
    public void sendPing() throws IOException {
        session.sendMessage(PING);
    }

    @Override
    public void close(int code, String reason) throws IOException {
        session.close(new CloseStatus(code, reason));
    }
}
