package dev.iii.sdk.internal.channel;

/**
 * How a channel end's socket closed, or is to be closed: a WebSocket close code (RFC 6455 §7.4) and its reason.
 *
 * @param code   the close code
 * @param reason the reason, or {@code null} when none was given
 */
record SocketClose(int code, String reason) {

    static final SocketClose NORMAL = new SocketClose(1000, null);
    static final SocketClose GOING_AWAY = new SocketClose(1001, null);
    /** No status in the Close frame: how the real engine ends a stream. */
    static final SocketClose NO_STATUS_CODE = new SocketClose(1005, null);
    /** No Close frame at all: the connection broke, or was ended without one. */
    static final SocketClose NO_CLOSE_FRAME = new SocketClose(1006, null);
    static final SocketClose POLICY_VIOLATION = new SocketClose(1008, null);
    static final SocketClose TOO_BIG_TO_PROCESS = new SocketClose(1009, null);
    static final SocketClose SERVER_ERROR = new SocketClose(1011, null);
}
