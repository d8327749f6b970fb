package dev.iii.engine;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Gathers the WebSocket messages of one session, which arrive in parts, as UTF-8 bytes up to a limit in bytes
 * (the real engine's limit is in bytes too). Not thread-safe: a session delivers its parts one after the other.
 */
final class MessageBytes {

    private final int limit;
    private final Consumer<byte[]> onMessage;
    private final Runnable onTooBig;
    private byte[] buffer = new byte[0];
    private int length;

    /**
     * @param onMessage gets each whole message
     * @param onTooBig  runs when a message grows beyond {@code limit}; what was gathered of it is dropped
     */
    MessageBytes(int limit, Consumer<byte[]> onMessage, Runnable onTooBig) {
        this.limit = limit;
        this.onMessage = onMessage;
        this.onTooBig = onTooBig;
    }

    /** Adds a part the session lends (it reuses the buffer): its bytes are copied. */
    void add(ByteBuffer part, boolean last) {
        int size = part.remaining();
        if (fitsOrDrop(size)) {
            if (last && length == 0) {
                byte[] whole = new byte[size];
                part.get(whole);
                onMessage.accept(whole);
                return;
            }
            ensureRoom(size);
            part.get(buffer, length, size);
            gathered(size, last);
        }
    }

    /** Adds a part that is this gatherer's to keep. */
    void add(byte[] part, boolean last) {
        if (fitsOrDrop(part.length)) {
            if (last && length == 0) {
                // The usual case, a message in one part, needs no gathering and no copy.
                onMessage.accept(part);
                return;
            }
            ensureRoom(part.length);
            System.arraycopy(part, 0, buffer, length, part.length);
            gathered(part.length, last);
        }
    }

    private boolean fitsOrDrop(int size) {
        if ((long) length + size <= limit) {
            return true;
        }
        reset();
        onTooBig.run();
        return false;
    }

    private void ensureRoom(int size) {
        if (length + size > buffer.length) {
            // A message in parts is usually one frame split where a socket read ended: room for a whole frame part
            // at once lets its second part fill the buffer exactly, and the buffer becomes the message uncopied.
            long room = Math.max(Math.max(length + size, 2L * buffer.length), WorkerSocketServer.FRAME_PART);
            buffer = Arrays.copyOf(buffer, (int) Math.min(limit, room));
        }
    }

    private void gathered(int size, boolean last) {
        length += size;
        if (last) {
            byte[] whole = length == buffer.length ? buffer : Arrays.copyOf(buffer, length);
            reset();
            onMessage.accept(whole);
        }
    }

    private void reset() {
        buffer = new byte[0];
        length = 0;
    }
}
