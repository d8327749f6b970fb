package dev.iii.sdk.internal.serving;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.iii.protocol.InvokeFunction;
import dev.iii.sdk.channel.ChannelOpener;
import dev.iii.sdk.function.InvocationContext;
import dev.iii.sdk.internal.registry.LocalFunction;
import dev.iii.sdk.internal.transport.EngineLink;

/**
 * One invocation this worker accepted, from its arrival to its one answer. Two things end exactly once:
 * the answer ({@link #claimAnswer}), whoever gives it (the handler, the deadline, shutdown), and the handler
 * slot ({@link #claimRelease}), which is only given back when the handler is really done: returned, or its
 * stage abandoned, or stopped before it ran.
 */
final class Invocation {

    /**
     * How {@link #stop()} found the handler: not running (or no longer), running and interrupted, or running on
     * the thread that reads frames, which is never interrupted.
     */
    enum Stopped { NOT_RUNNING, INTERRUPTED, LEFT_RUNNING }

    private enum State { ADMITTED, RUNNING, STAGE_PENDING, DONE, STOPPED_BEFORE_RUN }

    final UUID key;
    final EngineLink link;
    final InvokeFunction frame;
    final LocalFunction function;
    final long deadlineNanos;
    private final AtomicBoolean answered = new AtomicBoolean();
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile boolean overdue;
    // guarded by this
    private State state = State.ADMITTED;
    private Thread runner;
    private CompletionStage<?> stage;
    private boolean heldWhileOverdue;

    Invocation(UUID key, EngineLink link, InvokeFunction frame, LocalFunction function, long deadlineNanos) {
        this.key = key;
        this.link = link;
        this.frame = frame;
        this.function = function;
        this.deadlineNanos = deadlineNanos;
    }

    UUID id() {
        return frame.invocationId();
    }

    String functionId() {
        return frame.functionId();
    }

    /**
     * Runs the handler on the calling thread, with {@code channels} to open the payload's channel refs; its
     * outcome goes to {@code done}, now or when its stage ends. Only a handler that may be interrupted (on a
     * pooled thread, not on the thread that reads frames) is interrupted when it is stopped.
     */
    void run(Outcome done, ChannelOpener channels, boolean interruptible) {
        synchronized (this) {
            if (state == State.STOPPED_BEFORE_RUN) {
                return;
            }
            state = State.RUNNING;
            runner = interruptible ? Thread.currentThread() : null;
        }
        Object returned;
        try {
            returned = function.handler().invoke(frame.data(), new InvocationContext(frame.functionId(),
                    frame.invocationId(), frame.metadata(), frame.traceparent(), frame.baggage(),
                    frame.callerWorkerId(), channels));
        }
        catch (Throwable ex) {
            endRun(null);
            done.failed(this, ex);
            return;
        }
        if (returned instanceof CompletionStage<?> pending) {
            endRun(pending);
            pending.whenComplete((value, error) -> {
                synchronized (this) {
                    state = State.DONE;
                    stage = null;
                }
                if (error != null) {
                    done.failed(this, error);
                }
                else {
                    done.succeeded(this, value instanceof Optional<?> optional ? optional.orElse(null) : value);
                }
            });
            return;
        }
        endRun(null);
        done.succeeded(this, returned instanceof Optional<?> optional ? optional.orElse(null) : returned);
    }

    private synchronized void endRun(CompletionStage<?> pending) {
        boolean interruptible = runner != null;
        runner = null;
        if (state == State.RUNNING) {
            state = pending != null ? State.STAGE_PENDING : State.DONE;
            stage = pending;
        }
        if (interruptible) {
            // An interrupt meant for this handler must not reach the next task on a pooled thread.
            Thread.interrupted();
        }
    }

    /**
     * Stops the handler, whose answer has been given in its place: one that has not run yet never will; one
     * that is running is interrupted if it may be (and keeps its slot until it returns); a stage it returned is
     * cancelled.
     */
    Stopped stop() {
        CompletionStage<?> pending;
        synchronized (this) {
            overdue = true;
            switch (state) {
                case ADMITTED -> {
                    state = State.STOPPED_BEFORE_RUN;
                    return Stopped.NOT_RUNNING;
                }
                case RUNNING -> {
                    heldWhileOverdue = true;
                    if (runner == null) {
                        return Stopped.LEFT_RUNNING;
                    }
                    runner.interrupt();
                    return Stopped.INTERRUPTED;
                }
                case STAGE_PENDING -> pending = stage;
                default -> {
                    return Stopped.NOT_RUNNING;
                }
            }
        }
        try {
            pending.toCompletableFuture().cancel(true);
        }
        catch (UnsupportedOperationException ex) {
            // A stage that cannot be cancelled is left to finish on its own; its outcome is dropped.
        }
        return Stopped.NOT_RUNNING;
    }

    /** Whether a handler kept running after it was stopped, and so counts as overdue until it returns. */
    synchronized boolean heldWhileOverdue() {
        return heldWhileOverdue;
    }

    boolean isOverdue() {
        return overdue;
    }

    boolean isDue(long now) {
        return now - deadlineNanos >= 0;
    }

    /** {@code true} for the one caller that may answer. */
    boolean claimAnswer() {
        return answered.compareAndSet(false, true);
    }

    /** {@code true} for the one caller that may give the slot back. */
    boolean claimRelease() {
        return released.compareAndSet(false, true);
    }

    boolean wantsAnswer() {
        return frame.invocationId() != null;
    }

    /** Where a handler's outcome goes. */
    interface Outcome {
        void succeeded(Invocation invocation, Object value);

        void failed(Invocation invocation, Throwable error);
    }
}
