package dev.iii.sdk.internal.channel;

import dev.iii.sdk.channel.ChannelDirection;
import dev.iii.sdk.channel.ChannelException;
import dev.iii.sdk.channel.ChannelRef;

/**
 * What the close of a channel end's socket means, in words that name the channel. The real engine ends a stream
 * with a Close without status (1005) and drops a socket it is done with without one (1006); the embedded engine
 * says more: 1000 for a stream that ended, 1008 for an end opened twice, 1011 with a reason when the other side
 * went away (and drops the connection right after that Close, as the real engine drops it at once).
 */
final class EngineCloses {

    private EngineCloses() {
    }

    /** The failure a close means for a reader; {@code null} when the stream simply ended. */
    static ChannelException forReader(ChannelRef ref, SocketClose status, Throwable error) {
        int code = status.code();
        if (error == null && (code == SocketClose.NORMAL.code() || code == SocketClose.NO_STATUS_CODE.code())) {
            return null;
        }
        return common(ref, status, error);
    }

    /** The failure a close the engine started means for a writer; it never means success. */
    static ChannelException forWriter(ChannelRef ref, SocketClose status, Throwable error) {
        int code = status.code();
        if (error == null && (code == SocketClose.NORMAL.code() || code == SocketClose.NO_STATUS_CODE.code())) {
            return new ChannelException(ref.channelId(), "The engine closed the write end of channel " + ref.channelId()
                    + ": it is open elsewhere already, or the channel is gone");
        }
        // An engine drops a writer whose reader left (the real one without a Close, the embedded one right after its
        // 1011), so a writer still sending may see the connection break before it can read why.
        if (error != null || code == SocketClose.NO_CLOSE_FRAME.code()) {
            return new ChannelException(ref.channelId(), "The reader of channel " + ref.channelId() + " is gone, or "
                    + "the connection to the engine broke" + (error != null ? ": " + error.getClass().getSimpleName()
                            : ""));
        }
        return common(ref, status, error);
    }

    private static ChannelException common(ChannelRef ref, SocketClose status, Throwable error) {
        String id = ref.channelId();
        String end = ref.direction() == ChannelDirection.READ ? "read" : "write";
        int code = status.code();
        if (error != null) {
            return new ChannelException(id, "The connection to the engine for channel " + id + " broke: "
                    + error.getClass().getSimpleName());
        }
        if (code == SocketClose.POLICY_VIOLATION.code()) {
            return new ChannelException(id, "The " + end + " end of channel " + id + " is open elsewhere already");
        }
        if (code == SocketClose.SERVER_ERROR.code()) {
            String reason = status.reason() == null || status.reason().isEmpty() ? "the engine gave up the stream"
                    : status.reason();
            return new ChannelException(id, "Channel " + id + ": " + reason);
        }
        if (code == SocketClose.GOING_AWAY.code()) {
            return new ChannelException(id, "Channel " + id + ": the engine went away");
        }
        return new ChannelException(id, "The connection to the engine for channel " + id + " broke (close code "
                + code + ")");
    }
}
