package dev.iii.sdk.internal.transport;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Joins the parts of one text frame, as the container hands them over, into its UTF-8 bytes, up to a maximum
 * size. Beyond the maximum only the first bytes are kept (enough to read the frame's type and ids, which come
 * first) and the rest is counted and dropped, so an oversized frame costs bounded memory and can still be
 * answered. Used by the one thread that reads a socket.
 */
public final class FrameAssembler {

    /** How much of an oversized frame is kept to read its head. */
    static final int HEAD_BYTES = 4096;

    /** A frame whose last part has arrived. */
    public sealed interface Frame {
    }

    /**
     * A whole frame.
     *
     * @param bytes  its UTF-8 text; only the first {@code length} bytes are the frame
     * @param length its size
     */
    public record Complete(byte[] bytes, int length) implements Frame {
    }

    /**
     * A frame over the limit.
     *
     * @param head the first bytes of it
     * @param size its whole size in bytes
     */
    public record Oversized(byte[] head, long size) implements Frame {
    }

    private final int maxBytes;
    private byte[] buffer = new byte[0];
    private int length;
    private long oversizedBytes = -1;
    /** A high surrogate that ended the previous part; its low half starts the next one. */
    private char pendingHighSurrogate;

    public FrameAssembler(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Adds a part; returns the frame when {@code last}, else {@code null}. */
    public Frame append(String part, boolean last) {
        String text = part;
        if (pendingHighSurrogate != 0) {
            text = pendingHighSurrogate + text;
            pendingHighSurrogate = 0;
        }
        if (!last && !text.isEmpty() && Character.isHighSurrogate(text.charAt(text.length() - 1))) {
            pendingHighSurrogate = text.charAt(text.length() - 1);
            text = text.substring(0, text.length() - 1);
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (last && length == 0 && oversizedBytes < 0 && bytes.length <= maxBytes) {
            return new Complete(bytes, bytes.length);
        }
        add(bytes);
        if (!last) {
            return null;
        }
        Frame frame = oversizedBytes >= 0 ? new Oversized(Arrays.copyOf(buffer, length), oversizedBytes)
                : new Complete(buffer, length);
        buffer = new byte[0];
        length = 0;
        oversizedBytes = -1;
        return frame;
    }

    private void add(byte[] bytes) {
        if (oversizedBytes >= 0) {
            oversizedBytes += bytes.length;
            return;
        }
        if ((long) length + bytes.length > maxBytes) {
            oversizedBytes = (long) length + bytes.length;
            int keep = Math.min(HEAD_BYTES, length);
            if (keep < HEAD_BYTES) {
                int more = Math.min(HEAD_BYTES - keep, bytes.length);
                buffer = Arrays.copyOf(buffer, keep + more);
                System.arraycopy(bytes, 0, buffer, keep, more);
                length = keep + more;
            }
            else {
                buffer = Arrays.copyOf(buffer, keep);
                length = keep;
            }
            return;
        }
        if (length + bytes.length > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(length + bytes.length, Math.min(maxBytes, buffer.length * 2)));
        }
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }
}
