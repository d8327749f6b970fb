package dev.iii.sdk;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs invocations on the worker's executor, at most {@code maxConcurrent} at a time; the rest wait in
 * arrival order. Never blocks the caller (the socket's thread): blocking there would also stop the results
 * that running handlers wait for. Knows how many invocations are in flight, so shutdown can drain them.
 */
final class InvocationDispatcher {

    private final Executor executor;
    private final int maxConcurrent;
    /** One invocation: it runs, or it is told the executor refused it; exactly one of the two. */
    interface Task {
        CompletionStage<?> run();

        void rejected(RejectedExecutionException cause);
    }

    private final Queue<Task> waiting = new ArrayDeque<>();
    private int running;
    private int inFlight;
    private boolean draining;

    InvocationDispatcher(Executor executor, int maxConcurrent) {
        this.executor = executor;
        this.maxConcurrent = maxConcurrent;
    }

    /**
     * Schedules a task; it counts as in flight until the stage it returns completes.
     *
     * @return {@code false} when draining: the task was not accepted
     */
    boolean submit(Task task) {
        synchronized (this) {
            if (draining) {
                return false;
            }
            inFlight++;
            if (running >= maxConcurrent) {
                waiting.add(task);
                return true;
            }
            running++;
        }
        start(task);
        return true;
    }

    private void start(Task task) {
        try {
            executor.execute(() -> {
                CompletionStage<?> stage;
                try {
                    stage = task.run();
                }
                catch (RuntimeException | Error ex) {
                    finished();
                    throw ex;
                }
                stage.whenComplete((result, error) -> finished());
            });
        }
        catch (RejectedExecutionException ex) {
            finished();
            task.rejected(ex);
        }
    }

    private void finished() {
        Task next;
        synchronized (this) {
            inFlight--;
            next = waiting.poll();
            if (next == null) {
                running--;
            }
            if (inFlight == 0) {
                notifyAll();
            }
        }
        if (next != null) {
            start(next);
        }
    }

    /** Stops accepting invocations. */
    synchronized void beginDraining() {
        draining = true;
    }

    synchronized int inFlight() {
        return inFlight;
    }

    /** Waits until nothing is in flight, at most {@code timeout}; {@code true} if it got there. */
    synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000), 0);
        }
        return true;
    }
}
