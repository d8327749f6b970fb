package dev.iii.sdk.internal.transport;

import java.io.IOException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A socket of Jetty's WebSocket core client, presented to the SDK as a {@link WebSocket} with the JDK client's
 * contract, which the SDK's listeners were written against: the listener is called only as often as it asked
 * ({@link #request}), each text or binary frame (or a part of at most {@link WebSocketConnector#FRAME_PART} bytes
 * of a larger one) is one call, pings are answered before the listener hears of them, a Close is answered with the
 * same code once the listener's {@code onClose} has returned, and after {@link #abort()} the listener hears
 * nothing more. Only whole messages are sent, which is all the SDK sends.
 *
 * <p>Why not the JDK's own client: it loses bytes that arrive right behind the {@code 101} response while it hands
 * the connection from HTTP to WebSocket (JDK 17 to 25: what its HTTP reader had queued is drained on another thread
 * while the selector still adds to it). A data channel whose data already waits in the engine when its reader
 * connects broke with "Unexpected frame CONTINUATION", or silently lost a chunk. Jetty's client gives the socket
 * the bytes it read together with the response.
 */
final class JettyWebSocket implements WebSocket, FrameHandler {

    private static final Logger log = LoggerFactory.getLogger(JettyWebSocket.class);
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final Listener listener;
    /** The listener was told how the socket ended (or the socket was aborted): it is told nothing after that. */
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile CoreSession session;
    private volatile boolean inputClosed;
    private volatile boolean outputClosed;

    // guarded by this
    /** Calls of the listener's receive methods asked for and not yet made. */
    private long demand;
    /** A frame has been asked of Jetty, or is being handled: Jetty is not asked again until it is done. */
    private boolean demanding = true;

    // touched only by the thread handling the current frame
    /** TEXT or BINARY: what the continuation frames that come next belong to. */
    private byte messageType;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    /** The first bytes of a character that the last text frame ended in the middle of. */
    private ByteBuffer partialCharacter = EMPTY;

    JettyWebSocket(Listener listener) {
        this.listener = listener;
    }

    // ---------------------------------------------------------------- Jetty's side

    @Override
    public void onOpen(CoreSession opened, Callback callback) {
        session = opened;
        try {
            listener.onOpen(this);
            callback.succeeded();
        }
        catch (RuntimeException ex) {
            callback.failed(ex);
            return;
        }
        frameDone(0);
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
        byte opCode = frame.getOpCode();
        CompletionStage<?> handled;
        try {
            handled = switch (opCode) {
                case OpCode.TEXT, OpCode.BINARY, OpCode.CONTINUATION -> data(opCode, frame);
                case OpCode.PING -> {
                    ByteBuffer payload = copy(frame);
                    session.sendFrame(new Frame(OpCode.PONG, payload.duplicate()), Callback.NOOP, false);
                    yield listener.onPing(this, payload);
                }
                case OpCode.PONG -> listener.onPong(this, copy(frame));
                case OpCode.CLOSE -> {
                    inputClosed = true;
                    CloseStatus status = CloseStatus.getCloseStatus(frame);
                    // Jetty answers the Close, with the same code, once the callback completes.
                    yield ended.compareAndSet(false, true)
                            ? listener.onClose(this, status.getCode(), status.getReason() == null ? ""
                                    : status.getReason())
                            : null;
                }
                default -> null;
            };
        }
        catch (CharacterCodingException ex) {
            callback.succeeded();
            tellError(ex);
            session.close(CloseStatus.BAD_PAYLOAD, "invalid UTF-8", Callback.NOOP);
            return;
        }
        catch (RuntimeException ex) {
            callback.failed(ex);
            return;
        }
        if (handled == null) {
            afterFrame(opCode, callback);
        }
        else {
            handled.whenComplete((done, error) -> afterFrame(opCode, callback));
        }
    }

    private void afterFrame(byte opCode, Callback callback) {
        callback.succeeded();
        if (opCode != OpCode.CLOSE) {
            frameDone(1);
        }
    }

    private CompletionStage<?> data(byte opCode, Frame frame) throws CharacterCodingException {
        if (opCode != OpCode.CONTINUATION) {
            messageType = opCode;
        }
        ByteBuffer payload = frame.hasPayload() ? frame.getPayload() : EMPTY;
        if (messageType == OpCode.BINARY) {
            return listener.onBinary(this, payload, frame.isFin());
        }
        return listener.onText(this, decode(payload, frame.isFin()), frame.isFin());
    }

    /** Decodes a text frame's payload; a character split between two frames is carried over to the next one. */
    private CharSequence decode(ByteBuffer payload, boolean last) throws CharacterCodingException {
        ByteBuffer in = payload;
        if (partialCharacter.hasRemaining()) {
            in = ByteBuffer.allocate(partialCharacter.remaining() + payload.remaining());
            in.put(partialCharacter).put(payload.duplicate()).flip();
        }
        CharBuffer out = CharBuffer.allocate(in.remaining());
        CoderResult result = utf8.decode(in, out, last);
        if (result.isError()) {
            result.throwException();
        }
        if (last) {
            utf8.flush(out);
            utf8.reset();
            partialCharacter = EMPTY;
        }
        else {
            partialCharacter = in.hasRemaining() ? copy(in) : EMPTY;
        }
        return out.flip();
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
        callback.succeeded();
        tellError(cause);
    }

    @Override
    public void onClosed(CloseStatus status, Callback callback) {
        inputClosed = true;
        outputClosed = true;
        callback.succeeded();
        tellError(new IOException("the connection closed without a Close frame (" + status.getCode() + ")"));
    }

    /** Tells the listener the socket broke, unless it was told how it ended already (or it was opened not yet). */
    private void tellError(Throwable cause) {
        inputClosed = true;
        if (session != null && ended.compareAndSet(false, true)) {
            log.debug("socket broke: {}", cause.toString());
            listener.onError(this, cause);
        }
    }

    /**
     * The frame in hand is done with, after {@code calls} calls of the listener's receive methods: the next is asked
     * for if the listener asked for it.
     */
    private void frameDone(int calls) {
        boolean ask;
        synchronized (this) {
            demand -= calls;
            demanding = false;
            ask = takeDemand();
        }
        if (ask) {
            demandFrame();
        }
    }

    private void askJetty() {
        boolean ask;
        synchronized (this) {
            ask = takeDemand();
        }
        if (ask) {
            demandFrame();
        }
    }

    /** Whether to ask Jetty for the next frame now; if so, it counts as asked. Called with this monitor held. */
    private boolean takeDemand() {
        if (demanding || demand <= 0 || inputClosed) {
            return false;
        }
        demanding = true;
        return true;
    }

    private void demandFrame() {
        try {
            session.demand();
        }
        catch (IllegalStateException ex) {
            // The input closed meanwhile; onClosed follows.
            log.debug("no more frames: {}", ex.toString());
        }
    }

    private static ByteBuffer copy(Frame frame) {
        return frame.hasPayload() ? copy(frame.getPayload()) : EMPTY;
    }

    private static ByteBuffer copy(ByteBuffer bytes) {
        ByteBuffer copy = ByteBuffer.allocate(bytes.remaining());
        copy.put(bytes.duplicate()).flip();
        return copy;
    }

    // ---------------------------------------------------------------- the SDK's side

    @Override
    public void request(long n) {
        if (n <= 0) {
            throw new IllegalArgumentException("request(" + n + "): at least 1");
        }
        synchronized (this) {
            demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
        }
        askJetty();
    }

    @Override
    public CompletableFuture<WebSocket> sendText(CharSequence data, boolean last) {
        return send(new Frame(OpCode.TEXT, whole(last), data.toString()));
    }

    @Override
    public CompletableFuture<WebSocket> sendBinary(ByteBuffer data, boolean last) {
        return send(new Frame(OpCode.BINARY, whole(last), data));
    }

    @Override
    public CompletableFuture<WebSocket> sendPing(ByteBuffer message) {
        return send(new Frame(OpCode.PING, message));
    }

    @Override
    public CompletableFuture<WebSocket> sendPong(ByteBuffer message) {
        return send(new Frame(OpCode.PONG, message));
    }

    private static boolean whole(boolean last) {
        if (!last) {
            throw new IllegalArgumentException("only whole messages are sent on this socket");
        }
        return true;
    }

    private CompletableFuture<WebSocket> send(Frame frame) {
        CompletableFuture<WebSocket> sent = new CompletableFuture<>();
        if (outputClosed) {
            sent.completeExceptionally(new IOException("the output is closed"));
            return sent;
        }
        session.sendFrame(frame, completing(sent), false);
        return sent;
    }

    @Override
    public CompletableFuture<WebSocket> sendClose(int statusCode, String reason) {
        CompletableFuture<WebSocket> sent = new CompletableFuture<>();
        outputClosed = true;
        session.close(statusCode, reason, completing(sent));
        return sent;
    }

    private Callback completing(CompletableFuture<WebSocket> future) {
        return Callback.from(() -> future.complete(this), future::completeExceptionally);
    }

    @Override
    public String getSubprotocol() {
        String negotiated = session.getNegotiatedSubProtocol();
        return negotiated == null ? "" : negotiated;
    }

    @Override
    public boolean isOutputClosed() {
        return outputClosed || !session.isOutputOpen();
    }

    @Override
    public boolean isInputClosed() {
        return inputClosed || !session.isInputOpen();
    }

    @Override
    public void abort() {
        ended.set(true);
        inputClosed = true;
        outputClosed = true;
        session.abort();
    }
}
