package dev.iii.engine;

import org.eclipse.jetty.websocket.core.CloseStatus;

/**
 * The status and reason of a Close frame the engine sends.
 *
 * @param code   the WebSocket status code (RFC 6455 §7.4)
 * @param reason a short text for the peer's logs; never a secret
 */
record SocketClose(int code, String reason) {

    static SocketClose normal(String reason) {
        return new SocketClose(CloseStatus.NORMAL, reason);
    }

    static SocketClose goingAway(String reason) {
        return new SocketClose(CloseStatus.SHUTDOWN, reason);
    }

    static SocketClose policy(String reason) {
        return new SocketClose(CloseStatus.POLICY_VIOLATION, reason);
    }

    static SocketClose tooBig() {
        return new SocketClose(CloseStatus.MESSAGE_TOO_LARGE, "message too big");
    }

    static SocketClose unexpected(String reason) {
        return new SocketClose(CloseStatus.SERVER_ERROR, reason);
    }
}
