package dev.iii.engine;

import java.nio.ByteBuffer;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

/**
 * The {@code /otel} socket the Node SDK opens for OpenTelemetry frames. The embedded engine does not collect
 * telemetry, so it accepts the socket and drops every frame; the connection is not a worker.
 */
final class TelemetrySocketEndpoint extends Endpoint {

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.setMaxIdleTimeout(0);
        session.addMessageHandler(ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) (part, last) -> {
        });
        session.addMessageHandler(String.class, (MessageHandler.Partial<String>) (part, last) -> {
        });
    }
}
