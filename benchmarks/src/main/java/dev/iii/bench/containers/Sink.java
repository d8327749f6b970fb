package dev.iii.bench.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

/**
 * The server's endpoint: binary messages are counted and dropped; the text message {@code reset} starts a round
 * and {@code stats} answers {@code <cpu ns> <bytes>}, this process's CPU time and the bytes received since the
 * round began.
 */
public final class Sink extends Endpoint {

    /** Messages of the client's size arrive whole. */
    static final int MESSAGE_BUFFER = 1024 * 1024;

    private long cpuAtReset;
    private long bytes;

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.setMaxBinaryMessageBufferSize(MESSAGE_BUFFER);
        session.setMaxIdleTimeout(0);
        session.addMessageHandler(ByteBuffer.class, message -> bytes += message.remaining());
        // The answers are written blocking: an asynchronous one may not have completed when the next command
        // comes, and a container refuses a second write while one is in progress.
        session.addMessageHandler(String.class, command -> {
            try {
                if (command.equals("reset")) {
                    cpuAtReset = processCpuNanos();
                    bytes = 0;
                    session.getBasicRemote().sendText("ok");
                }
                else if (command.equals("stats")) {
                    session.getBasicRemote().sendText((processCpuNanos() - cpuAtReset) + " " + bytes);
                }
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        });
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
