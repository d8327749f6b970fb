package dev.iii.engine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker socket at {@code /}. Text messages arrive in parts (so a large message never needs one huge
 * container buffer) and are assembled up to the configured limit; beyond it the socket is closed with 1009.
 * Binary frames carrying telemetry ({@code OTLP}, {@code MTRC}, {@code LOGS} prefixes) are ignored; other
 * binary frames are read as JSON text.
 */
final class WorkerSocketEndpoint extends Endpoint {

    private static final Logger log = LoggerFactory.getLogger(WorkerSocketEndpoint.class);
    private static final int CONTAINER_BUFFER = 64 * 1024;

    private final EngineCore core;
    private WorkerConnection worker;

    WorkerSocketEndpoint(EngineCore core) {
        this.core = core;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.setMaxIdleTimeout(0);
        session.setMaxTextMessageBufferSize(CONTAINER_BUFFER);
        session.setMaxBinaryMessageBufferSize(CONTAINER_BUFFER);
        worker = new WorkerConnection(new FrameSender(session, core.executor), remoteAddress(config), core.codec);
        int limit = core.options.maxMessageBytes();
        session.addMessageHandler(String.class, new MessageHandler.Partial<String>() {
            private final StringBuilder message = new StringBuilder();

            @Override
            public void onMessage(String part, boolean last) {
                if (message.length() + part.length() > limit) {
                    message.setLength(0);
                    worker.sender.closeNow(new CloseReason(CloseReason.CloseCodes.TOO_BIG, "message too big"));
                    return;
                }
                if (last && message.isEmpty()) {
                    core.onText(worker, part);
                    return;
                }
                message.append(part);
                if (last) {
                    String text = message.toString();
                    message.setLength(0);
                    core.onText(worker, text);
                }
            }
        });
        session.addMessageHandler(ByteBuffer.class, new MessageHandler.Partial<ByteBuffer>() {
            private final java.io.ByteArrayOutputStream message = new java.io.ByteArrayOutputStream();

            @Override
            public void onMessage(ByteBuffer part, boolean last) {
                if (message.size() + part.remaining() > limit) {
                    message.reset();
                    worker.sender.closeNow(new CloseReason(CloseReason.CloseCodes.TOO_BIG, "message too big"));
                    return;
                }
                byte[] bytes = new byte[part.remaining()];
                part.get(bytes);
                message.writeBytes(bytes);
                if (last) {
                    byte[] whole = message.toByteArray();
                    message.reset();
                    if (!isTelemetry(whole)) {
                        core.onText(worker, new String(whole, StandardCharsets.UTF_8));
                    }
                }
            }
        });
        core.onOpen(worker);
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

    static boolean isTelemetry(byte[] frame) {
        if (frame.length < 4) {
            return false;
        }
        String prefix = new String(frame, 0, 4, StandardCharsets.US_ASCII);
        return prefix.equals("OTLP") || prefix.equals("MTRC") || prefix.equals("LOGS");
    }

    private static String remoteAddress(EndpointConfig config) {
        Object address = config.getUserProperties().get(RemoteAddressFilter.USER_PROPERTY);
        return address instanceof String text ? text : null;
    }
}
