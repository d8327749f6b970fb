package dev.iii.sdk;

import dev.iii.protocol.RegistrationRejected;

/**
 * The engine refused a registration: another live worker owns the worker name (fatal: the worker stops
 * and does not reconnect) or a function id (only that function is refused).
 */
public class RegistrationRejectedException extends InvocationException {

    private static final long serialVersionUID = 1L;

    private final transient RegistrationRejected rejection;

    public RegistrationRejectedException(RegistrationRejected rejection) {
        super(rejection.code(), describe(rejection), rejection.functionId(), null, null);
        this.rejection = rejection;
    }

    /** The frame the engine sent. */
    public RegistrationRejected getRejection() {
        return rejection;
    }

    private static String describe(RegistrationRejected r) {
        String subject = r.functionId() != null ? "function '" + r.functionId() + "'"
                : r.workerName() != null ? "worker name '" + r.workerName() + "'" : "registration";
        String owner = r.ownerWorkerId() == null || r.ownerWorkerId().isEmpty() ? "the engine"
                : "worker " + r.ownerWorkerId();
        return "The engine rejected " + subject + " in namespace '" + r.namespace() + "': it is owned by " + owner
                + " (" + r.code() + ")";
    }
}
