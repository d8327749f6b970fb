package dev.iii.engine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import org.apache.tomcat.websocket.Constants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker socket at {@code /}. Messages arrive in parts (so a large one never needs one huge container
 * buffer) and are gathered as UTF-8 bytes up to the configured limit; beyond it the socket is closed with
 * 1009. Binary messages carrying telemetry ({@code OTLP}, {@code MTRC}, {@code LOGS} prefixes) go to the
 * {@link TelemetryIntake}; other binary messages are read as JSON text.
 */
final class WorkerSocketEndpoint extends Endpoint {

    private static final Logger log = LoggerFactory.getLogger(WorkerSocketEndpoint.class);
    private static final int CONTAINER_BUFFER = 64 * 1024;
    /**
     * How long a close waits for the message in flight, and Tomcat for the Close frame it writes blocking (20 s by
     * default) to a peer that does not read. The real engine just drops such a socket.
     */
    static final long CLOSE_FRAME_TIMEOUT_MS = 2000;

    private final EngineCore core;
    private WorkerConnection worker;

    WorkerSocketEndpoint(EngineCore core) {
        this.core = core;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        configure(session);
        worker = new WorkerConnection(new FrameSender(session, core, waiting -> core.peerNotReading(worker, waiting)),
                remoteAddress(config), core.codec);
        Runnable tooBig = () -> worker.sender.closeNow(new CloseReason(CloseReason.CloseCodes.TOO_BIG,
                "message too big"));
        MessageBytes text = new MessageBytes(core.options.maxMessageBytes(), frame -> core.onFrame(worker, frame),
                tooBig);
        MessageBytes binary = new MessageBytes(core.options.maxMessageBytes(), frame -> {
            if (!core.telemetry.accept(frame)) {
                core.onFrame(worker, frame);
            }
        }, tooBig);
        session.addMessageHandler(String.class,
                (MessageHandler.Partial<String>) (part, last) -> text.add(part.getBytes(StandardCharsets.UTF_8), last));
        session.addMessageHandler(ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) binary::add);
        core.onOpen(worker);
    }

    /** Settings every engine socket shares: no idle timeout, bounded parts, a bounded wait for a Close frame. */
    static void configure(Session session) {
        session.setMaxIdleTimeout(0);
        session.setMaxTextMessageBufferSize(CONTAINER_BUFFER);
        session.setMaxBinaryMessageBufferSize(CONTAINER_BUFFER);
        session.getUserProperties().put(Constants.BLOCKING_SEND_TIMEOUT_PROPERTY, CLOSE_FRAME_TIMEOUT_MS);
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        if (worker != null) {
            core.onClose(worker);
        }
    }

    @Override
    public void onError(Session session, Throwable failure) {
        log.debug("socket error on {}: {}", worker, failure.toString());
    }

    private static String remoteAddress(EndpointConfig config) {
        Object address = config.getUserProperties().get(RemoteAddressFilter.USER_PROPERTY);
        return address instanceof String text ? text : null;
    }
}
