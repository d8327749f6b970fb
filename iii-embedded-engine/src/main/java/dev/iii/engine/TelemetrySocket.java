package dev.iii.engine;

import org.eclipse.jetty.websocket.core.CoreSession;

/**
 * The {@code /otel} socket the SDKs open for OpenTelemetry frames. It is not a worker: its binary messages go to
 * the {@link TelemetryIntake} (metrics are kept, spans and logs dropped), its text messages are ignored, and
 * nothing is ever sent on it.
 */
final class TelemetrySocket extends EngineSocket {

    private final TelemetryIntake telemetry;

    TelemetrySocket(EngineCore core) {
        super(core.options.maxMessageBytes());
        this.telemetry = core.telemetry;
    }

    @Override
    void opened(CoreSession session) {
    }

    @Override
    void message(boolean isText, byte[] bytes) {
        if (!isText) {
            telemetry.accept(bytes);
        }
    }

    @Override
    void closed(int statusCode) {
    }
}
