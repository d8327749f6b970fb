package dev.iii.spring.lifecycle;

import dev.iii.sdk.IIIWorker;
import org.springframework.context.ApplicationEvent;

/** Base of the application events an iii worker's lifecycle publishes. */
public abstract class IIIWorkerEvent extends ApplicationEvent {

    private static final long serialVersionUID = 1L;

    protected IIIWorkerEvent(IIIWorker worker) {
        super(worker);
    }

    public IIIWorker getWorker() {
        return (IIIWorker) getSource();
    }
}
