package dev.iii.engine;

import java.nio.ByteBuffer;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

/**
 * The {@code /otel} socket the SDKs open for OpenTelemetry frames. It is not a worker: its binary messages go to
 * the {@link TelemetryIntake} (metrics are kept, spans and logs dropped), its text messages are ignored, and
 * nothing is ever sent on it.
 */
final class TelemetrySocketEndpoint extends Endpoint {

    private final EngineCore core;

    TelemetrySocketEndpoint(EngineCore core) {
        this.core = core;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        WorkerSocketEndpoint.configure(session);
        SessionCloser closer = new SessionCloser(session, core.executor);
        MessageBytes binary = new MessageBytes(core.options.maxMessageBytes(), core.telemetry::accept,
                () -> closer.close(new CloseReason(CloseReason.CloseCodes.TOO_BIG, "message too big")));
        session.addMessageHandler(ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) binary::add);
        session.addMessageHandler(String.class, (MessageHandler.Partial<String>) (part, last) -> {
        });
    }
}
