package dev.iii.protocol;

/** JSON {@code ping}: answered with {@link Pong}. Keepalive itself uses WebSocket-level pings. */
public record Ping() implements Message {
}
