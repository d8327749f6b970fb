package dev.iii.spring.lifecycle;

import dev.iii.sdk.IIIWorker;

/** The worker's functions and triggers are registered and it is connecting. */
public class IIIWorkerStartedEvent extends IIIWorkerEvent {

    private static final long serialVersionUID = 1L;

    public IIIWorkerStartedEvent(IIIWorker worker) {
        super(worker);
    }
}
