package dev.iii.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's data channels by id. A channel is forgotten when both its ends are done, when the {@code http}
 * exchange it serves is over, or by the sweep once it is older than the channel TTL with an end nobody opened
 * (real engine: 5 minutes, checked every minute; {@code engine/src/workers/worker/channels.rs}). Access keys are
 * compared in constant time and never logged.
 */
final class ChannelRegistry {

    private static final Logger log = LoggerFactory.getLogger(ChannelRegistry.class);
    /** The real engine checks for stale channels once a minute. */
    private static final Duration LONGEST_SWEEP_PERIOD = Duration.ofMinutes(1);

    private final Map<String, EngineChannel> channels = new ConcurrentHashMap<>();
    private final Duration ttl;
    private ScheduledFuture<?> sweep;

    ChannelRegistry(Duration ttl) {
        this.ttl = ttl;
    }

    /** Starts the sweep: every minute, or every TTL when that is shorter. */
    void start(ScheduledExecutorService scheduler) {
        long periodMs = Math.min(ttl.toMillis(), LONGEST_SWEEP_PERIOD.toMillis());
        sweep = scheduler.scheduleWithFixedDelay(this::sweep, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    void stop() {
        if (sweep != null) {
            sweep.cancel(false);
        }
    }

    /** A new channel holding up to {@code capacity} messages (at least one). */
    EngineChannel create(int capacity) {
        String id = UUID.randomUUID().toString();
        EngineChannel channel = new EngineChannel(id, UUID.randomUUID().toString(), Math.max(1, capacity),
                () -> channels.remove(id));
        channels.put(id, channel);
        return channel;
    }

    /** The channel with that id and access key; {@code null} when either is wrong. */
    EngineChannel find(String id, String accessKey) {
        EngineChannel channel = id == null ? null : channels.get(id);
        if (channel == null || accessKey == null || !MessageDigest.isEqual(
                channel.accessKey.getBytes(StandardCharsets.UTF_8), accessKey.getBytes(StandardCharsets.UTF_8))) {
            return null;
        }
        return channel;
    }

    /** Forgets a channel: its unopened ends are given up, the open ones go on. */
    void remove(EngineChannel channel) {
        channels.remove(channel.id, channel);
        channel.expire();
    }

    /** Channels known now. */
    int size() {
        return channels.size();
    }

    private void sweep() {
        long now = System.nanoTime();
        List<EngineChannel> stale = channels.values().stream()
                .filter(channel -> now - channel.createdAtNanos > ttl.toNanos() && channel.waitsForAnEnd())
                .toList();
        if (!stale.isEmpty()) {
            log.info("Sweeping {} channel(s) with an end that never connected", stale.size());
        }
        for (EngineChannel channel : stale) {
            remove(channel);
        }
    }
}
