package dev.iii.sdk.internal.transport;

/**
 * Told how the worker's connections come and go, in this order for each link: {@code attached} when its
 * handshake starts, {@code functionsApplied} once the engine applied its functions, {@code connected} once the
 * engine confirmed it, {@code lost} when it is gone (possibly without having connected). Calls happen on whichever thread saw the change; they must not block.
 */
public interface ConnectionListener {

    /** A link opened and its handshake is under way: registrations go to it from now on. */
    default void attached(EngineLink link) {
    }

    /**
     * The engine applied the functions and trigger types sent when the link attached (it answered a ping sent
     * after them), and told which functions it refused: bindings may go now.
     */
    default void functionsApplied(EngineLink link) {
    }

    /** The engine applied the link's registrations: calls may flow. */
    default void connected(EngineLink link) {
    }

    /** The link is gone; whatever was sent on it gets no answer. */
    default void lost(EngineLink link) {
    }

    /** The worker gave up for good and will not connect again. */
    default void failed(Throwable cause) {
    }
}
