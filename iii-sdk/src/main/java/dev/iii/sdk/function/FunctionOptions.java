package dev.iii.sdk.function;

import java.time.Duration;

/**
 * How a function is described to the engine and served. All members are optional; start from
 * {@link #none()} or {@link #builder()}.
 * <p>
 * The formats are sent to the engine exactly as given; the SDK adds and removes nothing. The engine stores them
 * for its introspection whatever they hold, but the iii worker registry accepts a worker only when both formats of
 * every function are typed (their root carries {@code type}, {@code properties}, {@code $ref}, {@code allOf},
 * {@code anyOf}, {@code oneOf}, {@code enum}, {@code items} or {@code const}) and neither has a root
 * {@code $schema}: describe a function that returns nothing as {@code {"type":"null"}}, not by leaving the
 * response format out.
 *
 * @param description    shown in introspection
 * @param requestFormat  JSON Schema of the input: a {@link tools.jackson.databind.JsonNode}, a {@code Map},
 *                       or anything the worker's mapper can write; absent when {@code null}
 * @param responseFormat JSON Schema of the output, likewise
 * @param metadata       arbitrary JSON stored with the function; {@code {"internal":true}} hides it from
 *                       the default function list
 * @param httpInvocation makes this an HTTP-invoked function: the engine calls the URL instead of the worker
 * @param timeout        how long a handler may run before the worker answers its caller with
 *                       {@code handler_timeout} and interrupts it; {@code null} uses the worker's
 *                       {@code handlerTimeout}
 * @param maxConcurrency invocations of this function that may run at once; {@code 0} (the default) means no
 *                       limit of its own beyond the worker's {@code maxConcurrentInvocations}; more wait their
 *                       turn without holding back other functions
 * @param nonBlocking    the handler never blocks and returns within microseconds, so the worker runs it on the thread
 *                       that reads the engine's frames instead of handing it to a handler thread, which saves most of
 *                       the worker's cost per invocation (see {@code docs/performance.md}). While it runs, its
 *                       connection reads no other frame, and the worker's other sockets may wait for a free socket
 *                       thread. It must not wait: not on I/O, a lock, a sleep or a call's result; {@code join()} and
 *                       {@code get()} on the future of a call or of {@code awaitFunction} fail there with an
 *                       {@link IllegalStateException} (compose the future and return it instead), as do channel reads
 *                       and writes that would have to wait. Its timeout still answers the caller, but the handler is
 *                       not interrupted. An invocation that has to wait for a slot runs on a handler thread when its
 *                       turn comes. {@code false} (the default) runs every invocation on a handler thread.
 */
public record FunctionOptions(String description, Object requestFormat, Object responseFormat, Object metadata,
        HttpInvocation httpInvocation, Duration timeout, int maxConcurrency, boolean nonBlocking) {

    private static final FunctionOptions NONE = new FunctionOptions(null, null, null, null, null, null, 0, false);

    public FunctionOptions {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        if (maxConcurrency < 0) {
            throw new IllegalArgumentException("maxConcurrency must not be negative, was " + maxConcurrency);
        }
    }

    /** No description, schema or metadata. */
    public static FunctionOptions none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link FunctionOptions}. */
    public static final class Builder {
        private String description;
        private Object requestFormat;
        private Object responseFormat;
        private Object metadata;
        private HttpInvocation httpInvocation;
        private Duration timeout;
        private int maxConcurrency;
        private boolean nonBlocking;

        private Builder() {
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder requestFormat(Object requestFormat) {
            this.requestFormat = requestFormat;
            return this;
        }

        public Builder responseFormat(Object responseFormat) {
            this.responseFormat = responseFormat;
            return this;
        }

        public Builder metadata(Object metadata) {
            this.metadata = metadata;
            return this;
        }

        public Builder httpInvocation(HttpInvocation httpInvocation) {
            this.httpInvocation = httpInvocation;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder maxConcurrency(int maxConcurrency) {
            this.maxConcurrency = maxConcurrency;
            return this;
        }

        /** See {@link FunctionOptions#nonBlocking()}: only for a handler that never waits. */
        public Builder nonBlocking(boolean nonBlocking) {
            this.nonBlocking = nonBlocking;
            return this;
        }

        public FunctionOptions build() {
            return new FunctionOptions(description, requestFormat, responseFormat, metadata, httpInvocation, timeout,
                    maxConcurrency, nonBlocking);
        }
    }
}
