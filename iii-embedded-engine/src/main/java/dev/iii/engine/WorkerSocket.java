package dev.iii.engine;

import org.eclipse.jetty.websocket.core.CoreSession;

/**
 * The worker socket at {@code /}: each message is a frame of the protocol for {@link EngineCore}. Binary messages
 * carrying telemetry ({@code OTLP}, {@code MTRC}, {@code LOGS} prefixes) go to the {@link TelemetryIntake}; other
 * binary messages are read as JSON text.
 */
final class WorkerSocket extends EngineSocket {

    private final EngineCore core;
    private final String remoteAddress;
    private WorkerConnection worker;

    WorkerSocket(EngineCore core, String remoteAddress) {
        super(core.options.maxMessageBytes());
        this.core = core;
        this.remoteAddress = remoteAddress;
    }

    @Override
    void opened(CoreSession session) {
        worker = new WorkerConnection(new FrameSender(session, core, waiting -> core.peerNotReading(worker, waiting)),
                remoteAddress, core.codec);
        core.onOpen(worker);
    }

    @Override
    void message(boolean isText, byte[] bytes) {
        if (isText || !core.telemetry.accept(bytes)) {
            core.onFrame(worker, bytes);
        }
    }

    @Override
    void tooBig() {
        worker.sender.closeNow(SocketClose.tooBig());
    }

    @Override
    void closed(int statusCode) {
        if (worker != null) {
            core.onClose(worker);
        }
    }
}
