package dev.iii.bench.wire;

/**
 * What {@link FrameScanner} found in a frame.
 *
 * @param type         the {@code type} member, or {@code null}
 * @param invocationId the {@code invocation_id} member, or {@code null}
 * @param dataStart    where the {@code data} value starts in the frame's text, or -1
 * @param dataEnd      where the {@code data} value ends (exclusive), or -1
 * @param error        whether a non-null {@code error} member is present
 */
public record ScannedFrame(String type, String invocationId, int dataStart, int dataEnd, boolean error) {

    /** Whether the frame has this {@code type}. */
    public boolean is(String frameType) {
        return frameType.equals(type);
    }
}
