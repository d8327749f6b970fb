package dev.iii.sdk.channel;

import java.io.IOException;

/**
 * A data channel could not be used: the engine does not know it (or the access key is wrong), its end is open
 * elsewhere already, the other side went away, or the connection to the engine broke. The message names the
 * channel by its id, never by its access key.
 */
public class ChannelException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String channelId;

    public ChannelException(String channelId, String message) {
        super(message);
        this.channelId = channelId;
    }

    public ChannelException(String channelId, String message, Throwable cause) {
        super(message, cause);
        this.channelId = channelId;
    }

    /** The channel this is about. */
    public String getChannelId() {
        return channelId;
    }
}
