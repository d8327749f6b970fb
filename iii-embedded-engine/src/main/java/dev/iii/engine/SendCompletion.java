package dev.iii.engine;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.eclipse.jetty.util.Callback;

/**
 * The completion of one write on a Jetty session. Jetty completes a write inside the send call when the bytes went
 * out at once, and later on one of its threads otherwise. The sender asks {@link #leftToCallback()} right after the
 * call: a write that is done already lets the sender go on in its own loop, so a run of writes that complete at
 * once never nests one call in another; a write still under way resumes the sender when it completes.
 */
final class SendCompletion implements Callback {

    private static final int SENDING = 0;
    private static final int DONE_IN_CALL = 1;
    private static final int LEFT_TO_CALLBACK = 2;
    private static final int DONE_LATER = 3;

    private final AtomicInteger state = new AtomicInteger(SENDING);
    private final Consumer<Throwable> resume;
    /** Written before the state changes, read after it has: the atomic orders both. */
    private Throwable failure;

    /** @param resume runs once, with the failure or {@code null}, when a write left to the callback completes */
    SendCompletion(Consumer<Throwable> resume) {
        this.resume = resume;
    }

    @Override
    public void succeeded() {
        complete(null);
    }

    @Override
    public void failed(Throwable cause) {
        complete(cause);
    }

    /**
     * Call once, right after the send call returned (or threw, after {@link #failed}): {@code true} when the write is
     * still under way and its completion will resume the sender; {@code false} when it is done and the sender goes
     * on itself, after looking at {@link #failure()}.
     */
    boolean leftToCallback() {
        return state.compareAndSet(SENDING, LEFT_TO_CALLBACK);
    }

    /** Why a write done in the call failed, or {@code null}. */
    Throwable failure() {
        return failure;
    }

    private void complete(Throwable cause) {
        // A second completion (a send that failed its callback and threw as well) changes nothing.
        if (state.get() == SENDING) {
            failure = cause;
            if (state.compareAndSet(SENDING, DONE_IN_CALL)) {
                return;
            }
        }
        if (state.compareAndSet(LEFT_TO_CALLBACK, DONE_LATER)) {
            failure = cause;
            resume.accept(cause);
        }
    }
}
