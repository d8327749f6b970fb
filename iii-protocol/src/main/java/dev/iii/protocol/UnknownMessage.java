package dev.iii.protocol;

/**
 * A frame whose {@code type} this version does not know. The protocol requires such frames to be
 * ignored without closing the connection; the codec never encodes one.
 *
 * @param type the frame's type, or {@code null} when it had none
 */
public record UnknownMessage(String type) implements Message {
}
