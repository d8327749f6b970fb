package dev.iii.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of an {@link EmbeddedEngine}. The defaults are the real iii engine's; tests shorten the
 * timers so they never have to wait for production-sized intervals.
 *
 * @param namespaceGrace        how long a connection's registrations wait for its
 *                              {@code engine::workers::register} call before they are applied to
 *                              {@code default} (real engine: {@code registration_namespace_grace_ms}, 5 s)
 * @param functionsPollInterval how often the engine checks whether the set of functions changed, to fire
 *                              {@code engine::functions-available} (real engine: 5 s)
 * @param httpTimeout           how long an {@code http} trigger request waits for the handler before
 *                              answering 504 (real engine: the http worker's {@code default_timeout}, 30 s)
 * @param providerAckTimeout    how long {@code engine::register_trigger} waits for a worker provider's
 *                              {@code triggerregistrationresult} (real engine: 10 s)
 * @param maxMessageBytes       largest inbound message accepted on the worker socket, in UTF-8 bytes (real
 *                              engine: 64 MiB)
 * @param maxQueuedSendBytes    how many bytes of frames may wait for one worker behind the frame being written;
 *                              a worker that stops reading until more would wait is dropped (the real engine
 *                              instead holds back whoever sends to it: it has no such limit)
 * @param channelTtl            how old a data channel with an end that never connected gets before it is swept
 *                              (real engine: 5 minutes, swept once a minute; the sweep runs every minute, or
 *                              every {@code channelTtl} when that is shorter)
 */
public record EmbeddedEngineOptions(Duration namespaceGrace, Duration functionsPollInterval, Duration httpTimeout,
        Duration providerAckTimeout, int maxMessageBytes, long maxQueuedSendBytes, Duration channelTtl) {

    /** 64 MiB, the default message limit of the real engine's WebSocket server. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

    /** 256 MiB: four messages of the largest size may wait for a worker that reads slowly. */
    public static final long DEFAULT_MAX_QUEUED_SEND_BYTES = 4L * DEFAULT_MAX_MESSAGE_BYTES;

    public EmbeddedEngineOptions {
        requirePositive(namespaceGrace, "namespaceGrace");
        requirePositive(functionsPollInterval, "functionsPollInterval");
        requirePositive(httpTimeout, "httpTimeout");
        requirePositive(providerAckTimeout, "providerAckTimeout");
        requirePositive(channelTtl, "channelTtl");
        if (maxMessageBytes <= 0) {
            throw new IllegalArgumentException("maxMessageBytes must be positive");
        }
        if (maxQueuedSendBytes <= 0) {
            throw new IllegalArgumentException("maxQueuedSendBytes must be positive");
        }
    }

    /** The real engine's defaults. */
    public static EmbeddedEngineOptions defaults() {
        return new EmbeddedEngineOptions(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofSeconds(10), DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_MAX_QUEUED_SEND_BYTES, Duration.ofMinutes(5));
    }

    /** A copy with the grace period for a connection's metadata call changed. */
    public EmbeddedEngineOptions withNamespaceGrace(Duration value) {
        return new EmbeddedEngineOptions(value, functionsPollInterval, httpTimeout, providerAckTimeout,
                maxMessageBytes, maxQueuedSendBytes, channelTtl);
    }

    /** A copy with the function-change poll interval changed. */
    public EmbeddedEngineOptions withFunctionsPollInterval(Duration value) {
        return new EmbeddedEngineOptions(namespaceGrace, value, httpTimeout, providerAckTimeout, maxMessageBytes,
                maxQueuedSendBytes, channelTtl);
    }

    /** A copy with the http trigger response timeout changed. */
    public EmbeddedEngineOptions withHttpTimeout(Duration value) {
        return new EmbeddedEngineOptions(namespaceGrace, functionsPollInterval, value, providerAckTimeout,
                maxMessageBytes, maxQueuedSendBytes, channelTtl);
    }

    /** A copy with the wait for a worker provider's answer changed. */
    public EmbeddedEngineOptions withProviderAckTimeout(Duration value) {
        return new EmbeddedEngineOptions(namespaceGrace, functionsPollInterval, httpTimeout, value, maxMessageBytes,
                maxQueuedSendBytes, channelTtl);
    }

    /** A copy with the largest inbound worker message changed. */
    public EmbeddedEngineOptions withMaxMessageBytes(int value) {
        return new EmbeddedEngineOptions(namespaceGrace, functionsPollInterval, httpTimeout, providerAckTimeout,
                value, maxQueuedSendBytes, channelTtl);
    }

    /** A copy with the bound on the frames waiting for one worker changed. */
    public EmbeddedEngineOptions withMaxQueuedSendBytes(long value) {
        return new EmbeddedEngineOptions(namespaceGrace, functionsPollInterval, httpTimeout, providerAckTimeout,
                maxMessageBytes, value, channelTtl);
    }

    /** A copy with the age at which a channel with an end that never connected is swept changed. */
    public EmbeddedEngineOptions withChannelTtl(Duration value) {
        return new EmbeddedEngineOptions(namespaceGrace, functionsPollInterval, httpTimeout, providerAckTimeout,
                maxMessageBytes, maxQueuedSendBytes, value);
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
