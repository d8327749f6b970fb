package dev.iii.protocol;

import java.nio.charset.StandardCharsets;

/**
 * Turns {@link Message}s into the UTF-8 text of WebSocket frames and back, following the framing rules of
 * the wire specification (§2): lowercase {@code type} first, {@code snake_case} members, optional members
 * left out when absent, absent and {@code null} read alike, unknown members and unknown types ignored,
 * required members enforced, payloads carried as {@link RawJson} without building trees.
 * <p>
 * The codec uses a mapper of its own, so the application's Jackson configuration can never change the wire.
 * Instances are stateless and thread-safe.
 */
public final class MessageCodec {

    private final MessageEncoder encoder = new MessageEncoder();
    private final MessageDecoder decoder = new MessageDecoder();

    /**
     * Encodes a message as the UTF-8 text of one frame.
     *
     * @throws IllegalArgumentException for an {@link UnknownMessage}, which is never sent, and for a namespace
     *                                  member that is present but blank, which the engine refuses (decoding
     *                                  accepts one, so that a receiver can answer it)
     */
    public byte[] encode(Message message) {
        String blank = blankNamespaceMember(message);
        if (blank != null) {
            throw new IllegalArgumentException("member '" + blank + "' is blank: give it a name or leave it out");
        }
        return encoder.encode(message);
    }

    /** {@link #encode} as text, for transports and tests that speak strings. */
    public String encodeToString(Message message) {
        return new String(encode(message), StandardCharsets.UTF_8);
    }

    /**
     * Decodes the UTF-8 text of one frame. A frame with an unknown {@code type} decodes to an
     * {@link UnknownMessage}. The payloads of the message refer to {@code frame}, which must not be changed
     * afterwards.
     *
     * @throws ProtocolException when the frame is not a valid message; its text says what is wrong without
     *                           repeating the payload
     */
    public Message decode(byte[] frame) {
        return decoder.decode(frame, frame.length);
    }

    /** {@link #decode(byte[])} for a frame in the first {@code length} bytes of {@code frame}. */
    public Message decode(byte[] frame, int length) {
        return decoder.decode(frame, length);
    }

    /** {@link #decode(byte[])} for a frame received as text. */
    public Message decode(String frame) {
        byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
        return decoder.decode(bytes, bytes.length);
    }

    /**
     * What can be read of a frame that does not decode (it is cut short, or a member is missing or wrong),
     * so that an invocation can still be answered. Never throws.
     *
     * @param frame the frame's text, or the part of it that was kept
     */
    public FrameHead readHead(byte[] frame, int length) {
        return FrameHead.read(frame, length);
    }

    /** The namespace member of {@code message} that is present but blank, or {@code null}. */
    public static String blankNamespaceMember(Message message) {
        if (message instanceof InvokeFunction m && isBlank(m.namespace())) {
            return "namespace";
        }
        if (message instanceof RegisterTriggerType m && isBlank(m.namespace())) {
            return "namespace";
        }
        if (message instanceof RegisterTrigger m) {
            return isBlank(m.namespace()) ? "namespace" : isBlank(m.triggerNamespace()) ? "trigger_namespace" : null;
        }
        return null;
    }

    private static boolean isBlank(String value) {
        return value != null && value.isBlank();
    }
}
