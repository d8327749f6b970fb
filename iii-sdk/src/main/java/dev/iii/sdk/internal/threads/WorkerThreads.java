package dev.iii.sdk.internal.threads;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads a worker owns, each pool with one job:
 * <ul>
 * <li>{@code iii-timer}: one thread for backoff, keepalive and deadline sweeps; its tasks never block and never
 * write to a socket;</li>
 * <li>{@code iii-events}: one thread telling connection-state listeners, in order;</li>
 * <li>{@code iii-io}: the writers of the sockets, connection attempts and closes; the only threads that wait
 * on a socket;</li>
 * <li>{@code iii-completion}: a fixed pool completing the futures of calls, so that the socket's reading
 * thread never runs a caller's continuation;</li>
 * <li>{@code iii-invocation}: the handlers, unless the application gives its own executor; a handler declared
 * non-blocking that can start at once runs on the socket's reading thread instead.</li>
 * </ul>
 * All are daemon threads; {@link #shutdown()} stops them.
 */
public final class WorkerThreads {

    private final ScheduledExecutorService timer;
    private final ExecutorService events;
    private final ExecutorService io;
    private final ExecutorService completions;
    private final Executor handlers;
    private final ExecutorService ownedHandlers;

    /** @param handlers the application's executor for handlers, or {@code null} for one of the worker's own */
    public WorkerThreads(Executor handlers) {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, daemon("iii-timer"));
        scheduler.setRemoveOnCancelPolicy(true);
        this.timer = scheduler;
        this.events = Executors.newSingleThreadExecutor(daemon("iii-events"));
        this.io = Executors.newCachedThreadPool(daemon("iii-io"));
        int completionThreads = Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors()));
        this.completions = new ThreadPoolExecutor(completionThreads, completionThreads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemon("iii-completion"));
        ((ThreadPoolExecutor) completions).allowCoreThreadTimeOut(true);
        if (handlers != null) {
            this.handlers = handlers;
            this.ownedHandlers = null;
        }
        else {
            this.ownedHandlers = Executors.newCachedThreadPool(daemon("iii-invocation"));
            this.handlers = ownedHandlers;
        }
    }

    public ScheduledExecutorService timer() {
        return timer;
    }

    public Executor events() {
        return events;
    }

    public Executor io() {
        return io;
    }

    public Executor completions() {
        return completions;
    }

    public Executor handlers() {
        return handlers;
    }

    /** Stops the worker's own pools; an executor the application gave is left alone. */
    public void shutdown() {
        timer.shutdownNow();
        events.shutdown();
        completions.shutdown();
        io.shutdown();
        if (ownedHandlers != null) {
            ownedHandlers.shutdown();
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
