package dev.iii.sdk.channel;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A serializable reference to one end of a data channel, as the engine hands it out
 * ({@code {"channel_id","access_key","direction"}}, wire specification §10): whoever holds it may open that end,
 * once. Pass it to another worker inside any payload; a {@link ChannelReader} or {@link ChannelWriter} that has
 * not been used yet is written as its ref too.
 * <p>
 * The access key is a secret: {@link #toString()} leaves it out, and the SDK never logs it.
 *
 * @param channelId the channel's id
 * @param accessKey the key that opens it
 * @param direction which end this ref opens
 */
public record ChannelRef(@JsonProperty("channel_id") String channelId, @JsonProperty("access_key") String accessKey,
        ChannelDirection direction) {

    public ChannelRef {
        if (channelId == null || channelId.isEmpty()) {
            throw new IllegalArgumentException("a channel ref needs a channel_id");
        }
        if (accessKey == null || accessKey.isEmpty()) {
            throw new IllegalArgumentException("the ref of channel " + channelId + " has no access_key");
        }
        if (direction == null) {
            throw new IllegalArgumentException("the ref of channel " + channelId + " has no direction");
        }
    }

    /** The channel and direction, without the access key. */
    @Override
    public String toString() {
        return "ChannelRef[channel " + channelId + ", " + direction.wireName() + "]";
    }
}
