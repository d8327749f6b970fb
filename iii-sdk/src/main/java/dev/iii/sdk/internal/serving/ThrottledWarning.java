package dev.iii.sdk.internal.serving;

import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;

/**
 * A warning that a misbehaving peer could repeat thousands of times a second: logged at WARN at most once per
 * interval, with the number of times it happened in between; every occurrence is logged at DEBUG.
 */
final class ThrottledWarning {

    private static final long INTERVAL_NANOS = 10_000_000_000L;

    private final Logger log;
    private final AtomicLong lastWarnNanos = new AtomicLong(System.nanoTime() - INTERVAL_NANOS);
    private final AtomicLong since = new AtomicLong();

    ThrottledWarning(Logger log) {
        this.log = log;
    }

    /** Logs {@code message} (already in words, no payload). */
    void warn(String message) {
        long now = System.nanoTime();
        long last = lastWarnNanos.get();
        if (now - last >= INTERVAL_NANOS && lastWarnNanos.compareAndSet(last, now)) {
            long skipped = since.getAndSet(0);
            log.warn(skipped == 0 ? message : message + " (and " + skipped + " more like it in the last "
                    + (now - last) / 1_000_000_000 + " s)");
        }
        else {
            since.incrementAndGet();
            log.debug(message);
        }
    }
}
