package dev.iii.sdk.internal.transport;

import dev.iii.protocol.FrameHead;
import dev.iii.protocol.Message;

/**
 * What happens on a socket, as its reading thread reports it. Implementations never block and never write to
 * a socket themselves: they only hand work on.
 */
public interface LinkEvents {

    /** The handshake succeeded; the link can send. */
    void opened(EngineLink link);

    /** A frame arrived and decoded. */
    void received(EngineLink link, Message message);

    /**
     * A frame arrived that could not be decoded, or was larger than the limit.
     *
     * @param head   what could be read of it, to answer an invocation
     * @param reason why it was refused, without its payload
     */
    void undecodable(EngineLink link, FrameHead head, String reason);

    /** The link is gone: closed by either side, or broken. Reported once per link. */
    void closed(EngineLink link, int code, String reason, Throwable error);

    /** A connection attempt failed before a link opened. */
    void connectFailed(long attempt, Throwable error);
}
