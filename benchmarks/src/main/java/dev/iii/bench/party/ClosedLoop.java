package dev.iii.bench.party;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A closed-loop load of a fixed number of calls in flight: each of {@code concurrency} chains issues a call,
 * records its latency when it completes, and issues the next. {@link #mark()} starts the measured window
 * (the time before it is warm-up), {@link #stop(Duration)} ends it, lets the chains finish their last call and
 * reports the window: completed calls, failed calls, its length, and the latencies as an HdrHistogram.
 */
final class ClosedLoop {

    private final Supplier<CompletableFuture<?>> call;
    private final Recorder recorder = new Recorder(3);
    private final AtomicLong errors = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private final AtomicInteger chains = new AtomicInteger();
    private volatile boolean running;
    private volatile long markNanos;

    private ClosedLoop(Supplier<CompletableFuture<?>> call) {
        this.call = call;
    }

    /** Starts {@code concurrency} chains of {@code call}. */
    static ClosedLoop start(Supplier<CompletableFuture<?>> call, int concurrency) {
        ClosedLoop loop = new ClosedLoop(call);
        loop.running = true;
        loop.markNanos = System.nanoTime();
        loop.chains.set(concurrency);
        for (int i = 0; i < concurrency; i++) {
            loop.issue();
        }
        return loop;
    }

    /** Starts the measured window: what completed before is forgotten. */
    void mark() {
        recorder.reset();
        errors.set(0);
        firstError.set(null);
        markNanos = System.nanoTime();
    }

    /**
     * Ends the measured window and waits for the calls in flight to finish.
     *
     * @return the window, as the reply the harness reads
     * @throws IllegalStateException when calls are still in flight after {@code drainTimeout}
     */
    Map<String, Object> stop(Duration drainTimeout) throws InterruptedException {
        long elapsed = System.nanoTime() - markNanos;
        Histogram latencies = recorder.getIntervalHistogram();
        long failed = errors.get();
        String failure = firstError.get();
        running = false;
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        while (chains.get() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(chains.get() + " call(s) still in flight " + drainTimeout.toSeconds()
                        + " s after the load stopped");
            }
            Thread.sleep(1);
        }
        return Map.of("count", latencies.getTotalCount(), "errors", failed, "elapsed_ns", elapsed,
                "histogram", encode(latencies), "first_error", failure == null ? "" : failure);
    }

    /**
     * Issues the chain's next call. A call that completed before it returned (one refused on the spot) is
     * followed by the next from another thread, so that a chain never spins on the thread that started it.
     */
    private void issue() {
        if (!running) {
            chains.decrementAndGet();
            return;
        }
        long start = System.nanoTime();
        CompletableFuture<?> pending = invoke();
        if (pending.isDone()) {
            completed(start, failureOf(pending));
            CompletableFuture.runAsync(this::issue);
            return;
        }
        pending.whenComplete((result, failure) -> {
            completed(start, failure);
            issue();
        });
    }

    private CompletableFuture<?> invoke() {
        try {
            return call.get();
        }
        catch (RuntimeException ex) {
            return CompletableFuture.failedFuture(ex);
        }
    }

    private void completed(long start, Throwable failure) {
        if (failure == null) {
            recorder.recordValue(System.nanoTime() - start);
        }
        else {
            errors.incrementAndGet();
            firstError.compareAndSet(null, String.valueOf(failure));
        }
    }

    private static Throwable failureOf(CompletableFuture<?> done) {
        try {
            done.join();
            return null;
        }
        catch (CompletionException | CancellationException ex) {
            return ex;
        }
    }

    private static String encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
    }
}
