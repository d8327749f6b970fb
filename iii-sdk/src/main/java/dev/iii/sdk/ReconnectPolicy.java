package dev.iii.sdk;

import java.time.Duration;

/**
 * How a worker retries after losing its connection: the delay before attempt {@code n} (from 0) is
 * {@code min(initialDelay * multiplier^n, maxDelay)}, randomised by {@code ±jitter}. The attempt counter
 * resets once a connection has stayed up for {@code maxDelay}: an engine or proxy that accepts connections
 * and drops them at once is retried ever more slowly.
 *
 * @param initialDelay delay before the first retry (1 s by default)
 * @param multiplier   growth factor per attempt (2 by default)
 * @param maxDelay     cap on the delay (30 s by default)
 * @param jitter       relative randomisation, 0 to 1 (0.3 by default)
 * @param maxRetries   attempts before the worker gives up and fails; {@code -1} (default) retries forever
 */
public record ReconnectPolicy(Duration initialDelay, double multiplier, Duration maxDelay, double jitter,
        int maxRetries) {

    private static final ReconnectPolicy DEFAULTS = new ReconnectPolicy(Duration.ofSeconds(1), 2.0,
            Duration.ofSeconds(30), 0.3, -1);

    public ReconnectPolicy {
        if (initialDelay == null || initialDelay.isNegative() || maxDelay == null || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= initialDelay <= maxDelay, got " + initialDelay + " and " + maxDelay);
        }
        if (multiplier < 1.0) {
            throw new IllegalArgumentException("multiplier must be at least 1, was " + multiplier);
        }
        if (jitter < 0.0 || jitter > 1.0) {
            throw new IllegalArgumentException("jitter must be between 0 and 1, was " + jitter);
        }
        if (maxRetries < -1) {
            throw new IllegalArgumentException("maxRetries must be -1 (forever) or more, was " + maxRetries);
        }
    }

    /** 1 s, ×2, 30 s cap, ±30 %, forever: the official SDKs' policy. */
    public static ReconnectPolicy defaults() {
        return DEFAULTS;
    }

    /** Whether attempt {@code attempt} (from 0) may still be made. */
    public boolean allowsAttempt(int attempt) {
        return maxRetries < 0 || attempt < maxRetries;
    }

    /**
     * The delay before attempt {@code attempt} (from 0).
     *
     * @param random a number in [0, 1), so the jitter can be tested
     */
    public Duration delayBefore(int attempt, double random) {
        double base = initialDelay.toMillis() * Math.pow(multiplier, Math.min(attempt, 62));
        double capped = Math.min(base, maxDelay.toMillis());
        double jittered = capped * (1.0 + jitter * (2.0 * random - 1.0));
        return Duration.ofMillis(Math.max(0L, Math.round(jittered)));
    }
}
