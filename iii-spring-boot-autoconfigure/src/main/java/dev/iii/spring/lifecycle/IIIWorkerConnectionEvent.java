package dev.iii.spring.lifecycle;

import dev.iii.sdk.ConnectionState;
import dev.iii.sdk.IIIWorker;

/** The worker's connection changed state; {@code CONNECTED} means ready (registrations confirmed by the engine). */
public class IIIWorkerConnectionEvent extends IIIWorkerEvent {

    private static final long serialVersionUID = 1L;

    private final transient ConnectionState state;

    public IIIWorkerConnectionEvent(IIIWorker worker, ConnectionState state) {
        super(worker);
        this.state = state;
    }

    public ConnectionState getState() {
        return state;
    }
}
