package dev.iii.sdk.internal.transport;

import dev.iii.protocol.Message;
import dev.iii.protocol.MessageCodec;

/**
 * One open WebSocket to the engine, as the rest of the worker sees it: frames go out through its
 * {@link FrameWriter}, and it remembers when the engine was last heard from. Links are never reused: every
 * connection attempt makes a new one, so a reply meant for a lost connection can never reach the next.
 */
public final class EngineLink {

    private final long number;
    private final FrameWriter writer;
    private final MessageCodec codec;
    private volatile long lastInboundNanos = System.nanoTime();
    private volatile String workerId;

    EngineLink(long number, FrameWriter writer, MessageCodec codec) {
        this.number = number;
        this.writer = writer;
        this.codec = codec;
    }

    /** The engine's id for the worker on this connection, once its {@code workerregistered} arrived. */
    public String workerId() {
        return workerId;
    }

    /** The engine named the worker on this connection. */
    public void registeredAs(String workerId) {
        this.workerId = workerId;
    }

    /** Which connection attempt opened the link, counting from 1. */
    public long number() {
        return number;
    }

    /**
     * Encodes a frame on the calling thread and queues it.
     *
     * @return {@code false} when the link is closed and the frame will never be sent
     * @throws FrameWriter.QueueFullException when the link's send queue is full
     */
    public boolean send(Message message) {
        return writer.send(codec.encode(message));
    }

    /** Queues an already encoded frame; see {@link #send(Message)}. */
    public boolean send(byte[] frame) {
        return writer.send(frame);
    }

    /**
     * Queues an already encoded frame and, when the link's writer is idle, starts writing it on this thread; for a
     * caller that holds no lock. See {@link #send(Message)} and {@link FrameWriter#sendNow}.
     */
    public boolean sendNow(byte[] frame) {
        return writer.sendNow(frame);
    }

    /** Queues a binary frame (telemetry); see {@link #send(Message)}. */
    public boolean sendBinary(byte[] frame) {
        return writer.sendBinary(frame);
    }

    /** Queues a WebSocket ping. */
    public void ping() {
        writer.ping();
    }

    /** Closes normally once everything queued has been written. */
    public void close(int code, String reason) {
        writer.close(code, reason);
    }

    /** Closes at once, dropping what is queued. */
    public void abort(int code, String reason) {
        writer.abort(code, reason);
    }

    /** Waits until the link is closed, at most {@code timeout}; {@code true} if it is. */
    public boolean awaitClosed(java.time.Duration timeout) {
        return writer.awaitClosed(timeout);
    }

    public boolean isOpen() {
        return !writer.isClosed();
    }

    /** Bytes queued and not yet written. */
    public long queuedBytes() {
        return writer.queuedBytes();
    }

    void heard() {
        lastInboundNanos = System.nanoTime();
    }

    /** Nanoseconds since the last frame of any kind (pongs included) arrived. */
    public long nanosSinceLastInbound() {
        return System.nanoTime() - lastInboundNanos;
    }

    void closedByPeer() {
        writer.discard();
    }

    @Override
    public String toString() {
        return "connection #" + number;
    }
}
