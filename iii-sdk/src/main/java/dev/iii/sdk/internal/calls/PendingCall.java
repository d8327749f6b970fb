package dev.iii.sdk.internal.calls;

import java.util.UUID;
import java.util.function.Function;

import dev.iii.protocol.InvocationResult;
import dev.iii.protocol.RawJson;
import dev.iii.sdk.InvocationException;
import dev.iii.sdk.internal.transport.EngineLink;

/**
 * One call waiting: for a connection (its encoded frame kept until it is sent), then, unless it is a void
 * call, for its result. It ends exactly once, through {@link OutboundCalls}.
 *
 * @param <R> the result type
 */
final class PendingCall<R> {

    final UUID id;
    final String functionId;
    final long deadlineNanos;
    /** {@code null} for a void call, which ends once sent. */
    final CallFuture<R> future;
    private final Function<RawJson, R> resultMapper;
    /** The frame, while it waits for a connection. */
    volatile byte[] frame;
    /** The link the frame went out on. */
    volatile EngineLink sentOn;

    PendingCall(UUID id, String functionId, long deadlineNanos, CallFuture<R> future,
            Function<RawJson, R> resultMapper, byte[] frame) {
        this.id = id;
        this.functionId = functionId;
        this.deadlineNanos = deadlineNanos;
        this.future = future;
        this.resultMapper = resultMapper;
        this.frame = frame;
    }

    boolean expectsResult() {
        return future != null;
    }

    boolean isDue(long now) {
        return now - deadlineNanos >= 0;
    }

    /** Completes the future from a result frame; mapping failures fail it. */
    void finish(InvocationResult result) {
        if (result.error() != null) {
            future.fail(new InvocationException(result.error().code(), result.error().message(), functionId,
                    result.error().stacktrace(), null));
            return;
        }
        try {
            future.succeed(resultMapper.apply(result.result()));
        }
        catch (RuntimeException ex) {
            future.fail(ex);
        }
    }

    void fail(InvocationException error) {
        if (future != null) {
            future.fail(error);
        }
    }
}
