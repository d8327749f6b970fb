package dev.iii.sdk.channel;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which end of a data channel a {@link ChannelRef} opens; on the wire {@code "read"} or {@code "write"}. */
public enum ChannelDirection {

    /** The end that receives what the writer sends. */
    @JsonProperty("read")
    READ,

    /** The end that sends. */
    @JsonProperty("write")
    WRITE;

    /** The wire name, {@code read} or {@code write}. */
    public String wireName() {
        return this == READ ? "read" : "write";
    }
}
