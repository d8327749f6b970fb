package dev.iii.sdk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.iii.protocol.Message;
import dev.iii.protocol.MessageCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * One open WebSocket to the engine. Sends go through Spring's {@code ConcurrentWebSocketSessionDecorator},
 * the one serialized sender of the socket: a thread that finds the socket busy leaves its frame in the
 * decorator's buffer and returns, so no caller waits on another's write.
 */
final class EngineConnection {

    private static final Logger log = LoggerFactory.getLogger(EngineConnection.class);

    private final long number;
    private final WebSocketSession session;
    private final MessageCodec codec;
    private volatile long lastInboundNanos = System.nanoTime();
    private volatile ScheduledFuture<?> keepalive;
    private final AtomicBoolean closeReported = new AtomicBoolean();
    private final CompletableFuture<Void> pong = new CompletableFuture<>();

    EngineConnection(long number, WebSocketSession session, MessageCodec codec) {
        this.number = number;
        this.session = session;
        this.codec = codec;
    }

    /** Encodes and sends one frame; {@code false} when the socket is gone (the frame is not sent). */
    boolean send(Message message) {
        String text = codec.encodeToString(message);
        if (!session.isOpen()) {
            return false;
        }
        try {
            session.sendMessage(new TextMessage(text));
            return true;
        }
        catch (IOException | RuntimeException ex) {
            log.debug("connection #{}: could not send a frame: {}", number, ex.toString());
            return false;
        }
    }

    void ping() {
        try {
            session.sendMessage(new PingMessage(ByteBuffer.allocate(0)));
        }
        catch (IOException | RuntimeException ex) {
            log.debug("connection #{}: ping failed: {}", number, ex.toString());
        }
    }

    void close(CloseStatus status) {
        ScheduledFuture<?> task = keepalive;
        if (task != null) {
            task.cancel(false);
        }
        try {
            session.close(status);
        }
        catch (IOException | RuntimeException ex) {
            log.debug("connection #{}: close failed: {}", number, ex.toString());
        }
    }

    /** {@code true} the first time only: a loss is reported once however many callbacks notice it. */
    boolean reportClosed() {
        return closeReported.compareAndSet(false, true);
    }

    /** Completes at the first JSON {@code pong}: the engine has read every frame sent before the ping. */
    CompletableFuture<Void> pong() {
        return pong;
    }

    void touch() {
        lastInboundNanos = System.nanoTime();
    }

    long nanosSinceLastInbound() {
        return System.nanoTime() - lastInboundNanos;
    }

    boolean isOpen() {
        return session.isOpen();
    }

    long number() {
        return number;
    }

    void keepalive(ScheduledFuture<?> keepalive) {
        this.keepalive = keepalive;
    }
}
