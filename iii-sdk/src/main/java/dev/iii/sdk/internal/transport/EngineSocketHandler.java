package dev.iii.sdk.internal.transport;

import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.iii.protocol.FrameHead;
import dev.iii.protocol.Message;
import dev.iii.protocol.MessageCodec;
import dev.iii.protocol.ProtocolException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/**
 * Reads one connection attempt's socket on the container's thread: joins text frames from their parts,
 * decodes them and reports them, together with the link's opening and closing, to {@link LinkEvents}. It
 * never writes: everything outbound goes through the link's {@link FrameWriter}.
 */
final class EngineSocketHandler extends AbstractWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(EngineSocketHandler.class);

    private final long attempt;
    private final MessageCodec codec;
    private final FrameAssembler assembler;
    private final int maxMessageBytes;
    private final long sendQueueLimit;
    private final AtomicLong refusedFrames;
    private final Executor io;
    private final LinkEvents events;
    private final AtomicBoolean closeReported = new AtomicBoolean();
    private boolean binaryReported;
    private volatile EngineLink link;

    EngineSocketHandler(long attempt, MessageCodec codec, int maxMessageBytes, long sendQueueLimit,
            AtomicLong refusedFrames, Executor io, LinkEvents events) {
        this.attempt = attempt;
        this.codec = codec;
        this.assembler = new FrameAssembler(maxMessageBytes);
        this.maxMessageBytes = maxMessageBytes;
        this.sendQueueLimit = sendQueueLimit;
        this.refusedFrames = refusedFrames;
        this.io = io;
        this.events = events;
    }

    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        NoDelay.enable(session);
        FrameWriter writer = new FrameWriter(new SessionSocket(session), io, sendQueueLimit, refusedFrames,
                failure -> reportClosed(CloseStatus.SESSION_NOT_RELIABLE.getCode(), "write failed", failure));
        link = new EngineLink(attempt, writer, codec);
        events.opened(link);
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        EngineLink current = link;
        current.heard();
        FrameAssembler.Frame frame = assembler.append(message.getPayload(), message.isLast());
        if (frame instanceof FrameAssembler.Complete complete) {
            decode(current, complete.bytes(), complete.length());
        }
        else if (frame instanceof FrameAssembler.Oversized oversized) {
            events.undecodable(current, codec.readHead(oversized.head(), oversized.head().length),
                    "the frame of " + oversized.size() + " bytes is larger than this worker's limit of "
                            + maxMessageBytes + " bytes");
        }
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
    protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
        link.heard();
        if (!binaryReported) {
            binaryReported = true;
            log.warn("The iii engine sent a binary frame on {}; binary frames are not part of the worker protocol "
                    + "and are ignored", link);
        }
        else {
            log.debug("ignored a binary frame of {} bytes on {}", message.getPayloadLength(), link);
        }
    }

    @Override
    protected void handlePongMessage(WebSocketSession session, PongMessage message) {
        link.heard();
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        reportClosed(CloseStatus.SERVER_ERROR.getCode(), null, exception);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        reportClosed(status.getCode(), status.getReason(), null);
    }

    private void reportClosed(int code, String reason, Throwable error) {
        EngineLink current = link;
        if (current != null && closeReported.compareAndSet(false, true)) {
            current.closedByPeer();
            events.closed(current, code, reason, error);
        }
    }
}
