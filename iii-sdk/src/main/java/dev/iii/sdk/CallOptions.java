package dev.iii.sdk;

import java.time.Duration;

/**
 * Per-call settings. Start from {@link #defaults()} and change what you need:
 * {@code CallOptions.defaults().withTimeout(Duration.ofSeconds(5))}.
 *
 * @param timeout     how long to wait for the result; {@code null} uses the worker's default
 * @param metadata    per-invocation metadata handed to the target handler beside the payload; any value
 *                    Jackson can write, or {@code null}
 * @param namespace   namespace to look the function up in; {@code null} uses the worker's namespace
 *                    ({@code default} when it has none); {@code engine::*} functions are always in
 *                    {@code default}
 * @param traceparent W3C trace context to send, or {@code null}
 * @param baggage     W3C baggage to send, or {@code null}
 * @param retryUntilAvailable whether a call answered {@code function_not_found} or {@code invocation_stopped} (the
 *                    function's owner is gone, until it reconnects) waits for the function to be registered again
 *                    and is made again, within its timeout; only for functions that may run twice, since
 *                    {@code invocation_stopped} means the first run may have begun
 */
public record CallOptions(Duration timeout, Object metadata, String namespace, String traceparent, String baggage,
        boolean retryUntilAvailable) {

    private static final CallOptions DEFAULTS = new CallOptions(null, null, null, null, null, false);

    public CallOptions {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        if (namespace != null && namespace.isBlank()) {
            throw new IllegalArgumentException("namespace is blank: give it a name or leave it out");
        }
    }

    /** No overrides: the worker's timeout and namespace, no metadata, no trace context. */
    public static CallOptions defaults() {
        return DEFAULTS;
    }

    public CallOptions withTimeout(Duration timeout) {
        return new CallOptions(timeout, metadata, namespace, traceparent, baggage, retryUntilAvailable);
    }

    public CallOptions withMetadata(Object metadata) {
        return new CallOptions(timeout, metadata, namespace, traceparent, baggage, retryUntilAvailable);
    }

    public CallOptions withNamespace(String namespace) {
        return new CallOptions(timeout, metadata, namespace, traceparent, baggage, retryUntilAvailable);
    }

    public CallOptions withTraceContext(String traceparent, String baggage) {
        return new CallOptions(timeout, metadata, namespace, traceparent, baggage, retryUntilAvailable);
    }

    /** Waits for the function's owner and calls again after {@code function_not_found} or {@code invocation_stopped}. */
    public CallOptions withRetryUntilAvailable() {
        return new CallOptions(timeout, metadata, namespace, traceparent, baggage, true);
    }
}
