package dev.iii.spring.lifecycle;

import dev.iii.sdk.IIIWorker;

/** The worker left the engine: registrations withdrawn, connection closed. */
public class IIIWorkerStoppedEvent extends IIIWorkerEvent {

    private static final long serialVersionUID = 1L;

    public IIIWorkerStoppedEvent(IIIWorker worker) {
        super(worker);
    }
}
