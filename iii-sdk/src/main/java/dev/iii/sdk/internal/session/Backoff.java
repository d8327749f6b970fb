package dev.iii.sdk.internal.session;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import dev.iii.sdk.ReconnectPolicy;

/**
 * Counts failed connection attempts in a row and turns the count into the next delay. A connection only
 * clears the count once it has stayed up for the policy's longest delay: an engine (or a proxy) that accepts
 * and then drops connections at once is retried ever more slowly, not every second forever. Guarded by the
 * session's lock.
 */
final class Backoff {

    private final ReconnectPolicy policy;
    private int failures;
    private long connectedAtNanos = -1;

    Backoff(ReconnectPolicy policy) {
        this.policy = policy;
    }

    /** A connection was confirmed by the engine. */
    void connected() {
        connectedAtNanos = System.nanoTime();
    }

    /** The connection (or the attempt) ended; counts it as a failure unless it was up long enough. */
    void ended() {
        if (connectedAtNanos >= 0 && System.nanoTime() - connectedAtNanos >= policy.maxDelay().toNanos()) {
            failures = 0;
        }
        connectedAtNanos = -1;
    }

    /** Whether another attempt may be made. */
    boolean allowsRetry() {
        return policy.allowsAttempt(failures);
    }

    /** The delay before the next attempt; counts the failure. */
    Duration nextDelay() {
        return policy.delayBefore(failures++, ThreadLocalRandom.current().nextDouble());
    }

    int failures() {
        return failures;
    }
}
