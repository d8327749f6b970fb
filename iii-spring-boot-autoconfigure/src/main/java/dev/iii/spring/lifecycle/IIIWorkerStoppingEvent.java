package dev.iii.spring.lifecycle;

import dev.iii.sdk.IIIWorker;

/** The worker stopped taking invocations and is draining those in flight. */
public class IIIWorkerStoppingEvent extends IIIWorkerEvent {

    private static final long serialVersionUID = 1L;

    public IIIWorkerStoppingEvent(IIIWorker worker) {
        super(worker);
    }
}
