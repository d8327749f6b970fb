package dev.iii.sdk.internal.transport;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.iii.protocol.FrameHead;
import dev.iii.protocol.Message;
import dev.iii.protocol.MessageCodec;
import dev.iii.protocol.ProtocolException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one connection attempt's socket on the socket's reading thread: joins text frames from their parts, decodes
 * them and reports them, together with the link's opening and closing, to {@link LinkEvents}, then asks for the
 * next part. It never writes: everything outbound goes through the link's {@link FrameWriter}.
 */
final class EngineSocketListener implements WebSocket.Listener {

    private static final Logger log = LoggerFactory.getLogger(EngineSocketListener.class);
    /** The close code a link reports when it broke, or was given up, without the engine's Close frame. */
    private static final int NO_CLOSE_FRAME = 1006;

    private final long attempt;
    private final MessageCodec codec;
    private final FrameAssembler assembler;
    private final int maxMessageBytes;
    private final long sendQueueLimit;
    private final Duration sendTimeout;
    private final AtomicLong refusedFrames;
    private final Executor io;
    private final LinkEvents events;
    private final AtomicBoolean closeReported = new AtomicBoolean();
    private final CompletableFuture<Void> inputClosed = new CompletableFuture<>();
    private boolean binaryReported;
    private volatile EngineLink link;

    EngineSocketListener(long attempt, MessageCodec codec, int maxMessageBytes, long sendQueueLimit,
            Duration sendTimeout, AtomicLong refusedFrames, Executor io, LinkEvents events) {
        this.attempt = attempt;
        this.codec = codec;
        this.assembler = new FrameAssembler(maxMessageBytes);
        this.maxMessageBytes = maxMessageBytes;
        this.sendQueueLimit = sendQueueLimit;
        this.sendTimeout = sendTimeout;
        this.refusedFrames = refusedFrames;
        this.io = io;
        this.events = events;
    }

    @Override
    public void onOpen(WebSocket socket) {
        WebSocketSends writes = new WebSocketSends(socket, sendTimeout, inputClosed,
                ended -> reportClosed(NO_CLOSE_FRAME, null, ended));
        FrameWriter writer = new FrameWriter(writes, io, sendQueueLimit, refusedFrames,
                failure -> reportClosed(NO_CLOSE_FRAME, null, failure));
        link = new EngineLink(attempt, writer, codec);
        events.opened(link);
        socket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence part, boolean last) {
        EngineLink current = link;
        current.heard();
        FrameAssembler.Frame frame = assembler.append(part.toString(), last);
        if (frame instanceof FrameAssembler.Complete complete) {
            decode(current, complete.bytes(), complete.length());
        }
        else if (frame instanceof FrameAssembler.Oversized oversized) {
            events.undecodable(current, codec.readHead(oversized.head(), oversized.head().length),
                    "the frame of " + oversized.size() + " bytes is larger than this worker's limit of "
                            + maxMessageBytes + " bytes");
        }
        socket.request(1);
        return null;
    }

    private void decode(EngineLink current, byte[] bytes, int length) {
        Message message;
        try {
            message = codec.decode(bytes, length);
        }
        catch (ProtocolException ex) {
            FrameHead head = codec.readHead(bytes, length);
            events.undecodable(current, head, ex.getMessage());
            return;
        }
        events.received(current, message);
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer part, boolean last) {
        link.heard();
        if (!binaryReported) {
            binaryReported = true;
            log.warn("The iii engine sent a binary frame on {}; binary frames are not part of the worker protocol "
                    + "and are ignored", link);
        }
        else {
            log.debug("ignored a part of a binary frame ({} bytes) on {}", part.remaining(), link);
        }
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket socket, ByteBuffer message) {
        // The socket answers with a pong itself (JettyWebSocket).
        link.heard();
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket socket, ByteBuffer message) {
        link.heard();
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
        inputClosed.complete(null);
        reportClosed(code, reason, null);
        // Answered with a Close of the same code once this returns (JettyWebSocket).
        return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
        inputClosed.complete(null);
        reportClosed(NO_CLOSE_FRAME, null, error);
    }

    private void reportClosed(int code, String reason, Throwable error) {
        EngineLink current = link;
        if (current != null && closeReported.compareAndSet(false, true)) {
            current.closedByPeer();
            events.closed(current, code, reason, error);
        }
    }
}
