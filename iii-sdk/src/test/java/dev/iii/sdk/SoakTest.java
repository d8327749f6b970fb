package dev.iii.sdk;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.iii.engine.EmbeddedEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A long run through a real engine: one worker serves 10^5 invocations (a tenth of them calling back out through
 * the engine) for a caller keeping 64 in flight. Heap after GC and live threads end where they started, within
 * bounds far below one object (or one thread per thousand) per invocation; nothing is left pending, in flight
 * or queued. The figures go to
 * the test's output (and to {@code docs/reliability.md}).
 */
class SoakTest {

    private static final int INVOCATIONS = 100_000;
    private static final int WARM_UP = 10_000;
    private static final int IN_FLIGHT = 64;
    /** Growth allowed over the run: 80 bytes per invocation. A leak of one small object per call exceeds it. */
    private static final long HEAP_GROWTH_BOUND = 8L * 1024 * 1024;
    /**
     * Growth allowed in the SDK's own threads: its handler and I/O pools keep threads for a minute and grow to the
     * busiest moment, which may come after the warm-up; a thread per call, or per thousand calls, exceeds it.
     */
    private static final int THREAD_GROWTH_BOUND = 32;
    private static final String BLOB = "x".repeat(100);

    private EmbeddedEngine engine;
    private IIIWorker worker;
    private IIIWorker caller;

    @AfterEach
    void stop() {
        for (IIIWorker each : new IIIWorker[] { caller, worker }) {
            if (each != null) {
                each.shutdown(Duration.ofSeconds(1));
            }
        }
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void heapThreadsAndBookkeepingStayFlatOverAHundredThousandInvocations() throws Exception {
        engine = EmbeddedEngine.builder().port(0).httpPort(0).build().start();
        worker = IIIWorker.create(WorkerOptions.builder().url(engine.url()).name("soak-worker").build());
        worker.registerFunction("soak::echo", (payload, context) -> payload);
        worker.registerFunction("soak::relay", (payload, context) -> worker.call("soak::echo", payload));
        worker.start();
        caller = IIIWorker.create(WorkerOptions.builder().url(engine.url()).name("soak-caller").build()).start();
        assertThat(worker.awaitConnected(Duration.ofSeconds(30))).isTrue();
        assertThat(caller.awaitConnected(Duration.ofSeconds(30))).isTrue();

        assertThat(run(WARM_UP)).isEqualTo(new Outcome(WARM_UP, 0));
        awaitIdle();
        long heapBefore = heapAfterGc();
        int threadsBefore = sdkThreads();
        long started = System.nanoTime();

        Outcome outcome = run(INVOCATIONS);

        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        awaitIdle();
        long heapAfter = heapAfterGc();
        int threadsAfter = sdkThreads();
        System.out.printf("soak: %d calls (%d through a relay), %d results, %d errors in %d ms; heap after GC %.1f MiB "
                + "-> %.1f MiB; the SDK's threads %d -> %d%n", INVOCATIONS, INVOCATIONS / 10, outcome.results(), outcome.errors(),
                elapsedMs, heapBefore / 1048576.0, heapAfter / 1048576.0, threadsBefore, threadsAfter);

        assertThat(outcome).isEqualTo(new Outcome(INVOCATIONS, 0));
        assertThat(heapAfter - heapBefore).isLessThan(HEAP_GROWTH_BOUND);
        assertThat(threadsAfter - threadsBefore).isLessThanOrEqualTo(THREAD_GROWTH_BOUND);
        assertThat(worker.connectionState()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(worker.statistics().reconnectCount()).isZero();
        assertThat(caller.statistics().reconnectCount()).isZero();
    }

    record Outcome(int results, int errors) {
    }

    /** {@code count} calls, at most {@link #IN_FLIGHT} at a time; each must come back with its own payload. */
    private Outcome run(int count) throws InterruptedException {
        Semaphore slots = new Semaphore(IN_FLIGHT);
        CountDownLatch done = new CountDownLatch(count);
        AtomicInteger results = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<Throwable> firstError = new AtomicReference<>();
        for (int n = 0; n < count; n++) {
            slots.acquire();
            int expected = n;
            CompletableFuture<JsonNode> call = caller.call(n % 10 == 0 ? "soak::relay" : "soak::echo",
                    Map.of("n", n, "blob", BLOB));
            call.whenComplete((result, failure) -> {
                if (failure == null && result.path("n").asInt() == expected) {
                    results.incrementAndGet();
                }
                else {
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, failure != null ? failure : new AssertionError("got " + result));
                }
                slots.release();
                done.countDown();
            });
        }
        assertThat(done.await(5, TimeUnit.MINUTES)).as("every call ended").isTrue();
        if (firstError.get() != null) {
            firstError.get().printStackTrace();
        }
        return new Outcome(results.get(), errors.get());
    }

    private void awaitIdle() {
        await().atMost(Duration.ofSeconds(30)).until(() -> caller.statistics().pendingCalls() == 0 && worker.statistics().pendingCalls() == 0
                && worker.statistics().inFlightInvocations() == 0 && worker.statistics().sendQueueBytes() == 0 && caller.statistics().sendQueueBytes() == 0);
    }

    /** Live threads of the SDK's pools, and of the WebSocket client it uses; not the engine's, which is not under test. */
    private static int sdkThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.startsWith("iii-") && !name.startsWith("iii-engine-")
                        || name.startsWith("WebSocketClient-"))
                .count();
    }

    /** The smallest of a few readings after a full collection, so that a collection that left garbage is not counted. */
    private static long heapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }
}
