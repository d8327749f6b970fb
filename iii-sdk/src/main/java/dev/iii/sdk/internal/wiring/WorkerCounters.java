package dev.iii.sdk.internal.wiring;

import dev.iii.sdk.WorkerStatistics;
import dev.iii.sdk.internal.calls.OutboundCalls;
import dev.iii.sdk.internal.serving.InvocationServer;
import dev.iii.sdk.internal.session.EngineSession;

/** The worker's statistics, read from the parts that keep each count. */
final class WorkerCounters implements WorkerStatistics {

    private final EngineSession session;
    private final InvocationServer server;
    private final OutboundCalls calls;

    WorkerCounters(EngineSession session, InvocationServer server, OutboundCalls calls) {
        this.session = session;
        this.server = server;
        this.calls = calls;
    }

    @Override
    public long reconnectCount() {
        return session.reconnectCount();
    }

    @Override
    public int inFlightInvocations() {
        return server.inFlight();
    }

    @Override
    public int overdueInvocations() {
        return server.overdue();
    }

    @Override
    public int pendingCalls() {
        return calls.pending();
    }

    @Override
    public long sendQueueBytes() {
        return session.sendQueueBytes();
    }

    @Override
    public long refusedFrames() {
        return session.refusedFrames();
    }
}
