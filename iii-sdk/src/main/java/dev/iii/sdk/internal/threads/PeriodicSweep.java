package dev.iii.sdk.internal.threads;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Runs a sweep on the timer every {@code period} while its owner has work with deadlines, and not at all
 * otherwise: one timer task for all of an owner's deadlines instead of one per entry. Deadlines are met
 * within one period.
 */
public final class PeriodicSweep {

    private final ScheduledExecutorService timer;
    private final long periodNanos;
    private final Runnable sweep;
    private final BooleanSupplier hasWork;
    private final AtomicBoolean scheduled = new AtomicBoolean();

    /**
     * @param sweep   expires what is due; runs on the timer thread, so it must not block
     * @param hasWork whether anything with a deadline is left
     */
    public PeriodicSweep(ScheduledExecutorService timer, Duration period, Runnable sweep, BooleanSupplier hasWork) {
        this.timer = timer;
        this.periodNanos = period.toNanos();
        this.sweep = sweep;
        this.hasWork = hasWork;
    }

    /** Something with a deadline was added: make sure a sweep is coming. */
    public void wake() {
        if (scheduled.compareAndSet(false, true)) {
            schedule();
        }
    }

    private void schedule() {
        try {
            timer.schedule(this::run, periodNanos, TimeUnit.NANOSECONDS);
        }
        catch (RejectedExecutionException ex) {
            scheduled.set(false);
        }
    }

    private void run() {
        sweep.run();
        if (hasWork.getAsBoolean()) {
            schedule();
            return;
        }
        scheduled.set(false);
        // Work added between the check and the flag would otherwise wait for the next wake.
        if (hasWork.getAsBoolean()) {
            wake();
        }
    }
}
