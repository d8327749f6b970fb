package dev.iii.sdk.internal.channel;

import java.nio.ByteBuffer;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/** What a channel end hears from its socket, on the container's threads: it must never block there. */
interface SocketEvents {

    void opened(WebSocketSession session);

    /** A part of a text message. */
    void text(String part, boolean last);

    /** A part of a binary message; the buffer is the container's, valid only during the call. */
    void binary(ByteBuffer part, boolean last);

    /** The socket closed ({@code error} is {@code null}) or broke. */
    void closed(CloseStatus status, Throwable error);
}
