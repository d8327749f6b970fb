package dev.iii.sdk.internal.session;

import java.time.Duration;

import dev.iii.sdk.RegistrationRejectedException;

/**
 * How long the worker keeps trying when the engine refuses its name at connect time
 * ({@code WORKER_NAMESPACE_CONFLICT}). The name's owner may be this worker's predecessor: the same application
 * restarted, or a test's previous context, whose connection the engine has not finished closing. Only a refusal
 * that outlasts the grace, or one that comes after the engine confirmed the connection, is fatal. Guarded by the
 * session's lock.
 */
final class NameConflictGrace {

    private final Duration grace;
    private long firstRefusalNanos = -1;
    private Throwable pending;

    NameConflictGrace(Duration grace) {
        this.grace = grace;
    }

    /**
     * A connection attempt was refused for the name; whether another attempt may still be made. If so, the
     * refusal, in words that say so, is kept as the cause of the connection's end ({@link #takePending()}).
     */
    boolean allowsRetry(RegistrationRejectedException refusal) {
        long now = System.nanoTime();
        if (firstRefusalNanos < 0) {
            firstRefusalNanos = now;
        }
        if (now - firstRefusalNanos >= grace.toNanos()) {
            return false;
        }
        pending = new ConnectionFailureException(refusal.getMessage() + "; trying again for up to "
                + grace.toSeconds() + " s, in case the owner is this worker's predecessor leaving");
        return true;
    }

    /** Why the connection being closed ended, if the name was refused; cleared by reading it. */
    Throwable takePending() {
        Throwable refusal = pending;
        pending = null;
        return refusal;
    }

    /** The engine accepted the name: a later refusal starts a new grace. */
    void accepted() {
        firstRefusalNanos = -1;
        pending = null;
    }
}
