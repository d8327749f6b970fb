package dev.iii.bench.party;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClosedLoopTest {

    private final Executor later = CompletableFuture.delayedExecutor(1, TimeUnit.MILLISECONDS);

    @Test
    void keepsTheCallsInFlightAndReportsOnlyTheMarkedWindow() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        ClosedLoop loop = ClosedLoop.start(() -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            return CompletableFuture.runAsync(inFlight::decrementAndGet, later);
        }, 4);
        Thread.sleep(100);
        loop.mark();
        Thread.sleep(200);

        Map<String, Object> window = loop.stop(Duration.ofSeconds(5));

        assertThat((Long) window.get("count")).isPositive();
        assertThat(window.get("errors")).isEqualTo(0L);
        assertThat((Long) window.get("elapsed_ns")).isBetween(150_000_000L, 5_000_000_000L);
        assertThat((String) window.get("histogram")).isNotEmpty();
        assertThat(mostInFlight.get()).isEqualTo(4);
        assertThat(inFlight.get()).isZero();
    }

    @Test
    void countsFailuresIncludingCallsRefusedOnTheSpot() throws Exception {
        ClosedLoop loop = ClosedLoop.start(() -> CompletableFuture.failedFuture(new IllegalStateException("refused")), 2);
        loop.mark();
        Thread.sleep(50);

        Map<String, Object> window = loop.stop(Duration.ofSeconds(5));

        assertThat(window.get("count")).isEqualTo(0L);
        assertThat((Long) window.get("errors")).isPositive();
        assertThat((String) window.get("first_error")).contains("refused");
    }
}
