package dev.iii.engine;

import java.nio.ByteBuffer;

import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One socket of the engine on Jetty's WebSocket core. It reads only on demand, one frame at a time: the next frame
 * is asked for once the last one was handled and {@link #mayRead()} agrees, so a subclass holds its peer back by
 * saying no (its writes then wait in TCP buffers) and lets it go on with {@link #readMore()}. Frames are gathered
 * into whole messages, as the UTF-8 bytes of the frames for text, up to the engine's limit in bytes; beyond it the
 * socket is closed with 1009 and later messages are dropped. Frames arrive in parts of at most
 * {@link WorkerSocketServer#FRAME_PART} bytes, so a large message is never held twice. Pings are answered; frames
 * are read until the socket has closed, so that the peer's answer to a Close the engine sent is seen.
 */
abstract class EngineSocket implements FrameHandler {

    private static final Logger log = LoggerFactory.getLogger(EngineSocket.class);
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final MessageBytes text;
    private final MessageBytes binary;
    /** The message whose continuation frames come next; only the reading thread touches it. */
    private MessageBytes current;
    /** A message was too big: what comes after it is not delivered. Only the reading thread touches it. */
    private boolean dropping;
    private volatile CoreSession session;

    // guarded by this
    /** The next frame has been asked for and has not come yet. */
    private boolean demanding;
    /** The socket closed: nothing more is read. */
    private boolean stopped;

    EngineSocket(int maxMessageBytes) {
        this.text = new MessageBytes(maxMessageBytes, bytes -> message(true, bytes), this::messageTooBig);
        this.binary = new MessageBytes(maxMessageBytes, bytes -> message(false, bytes), this::messageTooBig);
    }

    /** The socket is open; frames are read once this returns. */
    abstract void opened(CoreSession session);

    /** One whole message, on the reading thread. */
    abstract void message(boolean isText, byte[] bytes);

    /** The socket closed, cleanly or not; runs once. */
    abstract void closed(int statusCode);

    /** A message grew beyond the limit; later messages are dropped. By default the socket is closed with 1009. */
    void tooBig() {
        close(SocketClose.tooBig());
    }

    /** Whether the next frame may be read now; called with this object's monitor held, so it must not block. */
    boolean mayRead() {
        return true;
    }

    final CoreSession session() {
        return session;
    }

    /** Asks for the next frame, unless it is asked for already, reading has stopped or {@link #mayRead()} says no. */
    final void readMore() {
        synchronized (this) {
            if (demanding || stopped || !mayRead()) {
                return;
            }
            demanding = true;
        }
        try {
            session.demand();
        }
        catch (IllegalStateException ex) {
            // The input closed meanwhile; onClosed follows.
            log.debug("no more frames on {}: {}", this, ex.toString());
        }
    }

    /** Starts a Close (it does not block); the peer's answer or the broken socket ends in {@link #closed}. */
    final void close(SocketClose close) {
        session.close(close.code(), close.reason(), Callback.NOOP);
    }

    @Override
    public final void onOpen(CoreSession session, Callback callback) {
        this.session = session;
        try {
            opened(session);
            callback.succeeded();
        }
        catch (RuntimeException ex) {
            callback.failed(ex);
            return;
        }
        readMore();
    }

    @Override
    public final void onFrame(Frame frame, Callback callback) {
        byte opCode = frame.getOpCode();
        if (opCode == OpCode.CLOSE) {
            // Jetty answers the Close once the callback completes, then calls onClosed.
            callback.succeeded();
            return;
        }
        try {
            if (opCode == OpCode.PING) {
                session.sendFrame(new Frame(OpCode.PONG, copy(frame)), Callback.NOOP, false);
            }
            else if (opCode == OpCode.TEXT || opCode == OpCode.BINARY || opCode == OpCode.CONTINUATION) {
                gather(opCode, frame);
            }
        }
        finally {
            callback.succeeded();
        }
        synchronized (this) {
            demanding = false;
        }
        readMore();
    }

    @Override
    public final void onClosed(CloseStatus status, Callback callback) {
        synchronized (this) {
            stopped = true;
        }
        try {
            closed(status.getCode());
        }
        finally {
            callback.succeeded();
        }
    }

    @Override
    public final void onError(Throwable failure, Callback callback) {
        log.debug("socket error on {}: {}", this, failure.toString());
        callback.succeeded();
    }

    /** Adds a data frame to its message; the payload is lent until the frame's callback completes, so it is copied. */
    private void gather(byte opCode, Frame frame) {
        if (opCode != OpCode.CONTINUATION) {
            current = opCode == OpCode.TEXT ? text : binary;
        }
        MessageBytes gathering = current;
        if (frame.isFin()) {
            current = null;
        }
        if (gathering != null && !dropping) {
            gathering.add(frame.hasPayload() ? frame.getPayload() : EMPTY, frame.isFin());
        }
    }

    private static ByteBuffer copy(Frame frame) {
        if (!frame.hasPayload()) {
            return EMPTY;
        }
        ByteBuffer payload = frame.getPayload();
        ByteBuffer copy = ByteBuffer.allocate(payload.remaining());
        copy.put(payload.duplicate()).flip();
        return copy;
    }

    private void messageTooBig() {
        dropping = true;
        current = null;
        tooBig();
    }
}
