package dev.iii.protocol;

/** JSON {@code pong}: the answer to a {@link Ping}; ignored when received. */
public record Pong() implements Message {
}
