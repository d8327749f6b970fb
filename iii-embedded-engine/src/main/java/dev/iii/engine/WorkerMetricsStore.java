package dev.iii.engine;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.node.ObjectNode;

/**
 * The workers' {@code iii.worker.*} gauges, for {@code worker.latest_metrics} in {@code engine::workers::info},
 * kept and assembled as the real engine does ({@code engine/src/workers/observability/metrics.rs},
 * {@code get_worker_metrics_from_storage}): every metric record of an {@code MTRC} frame is stored with the time
 * it arrived, the newest {@value #CAPACITY} records are kept, and a worker's snapshot comes from the records that
 * arrived in the last 120 s, newest first: each gauge from the newest record with a point tagged
 * {@code worker.id} = the worker (its first such point), {@code timestamp_ms} from the latest of those points'
 * times, {@code runtime} always {@code "node"}. Only the gauges a snapshot can show are held; a worker's go with its
 * connection. Thread-safe.
 */
final class WorkerMetricsStore {

    /** How far back a snapshot looks, by arrival time. */
    static final Duration LOOK_BACK = Duration.ofSeconds(120);
    /** Metric records kept, of any name: the real engine's default capacity. */
    static final int CAPACITY = 10_000;

    private static final BigInteger U64_MAX = new BigInteger("18446744073709551615");
    private static final double TWO_TO_THE_64 = 0x1p64;

    /** The gauges of a snapshot, with the member each fills and whether it is an unsigned integer there. */
    private enum Gauge {
        HEAP_USED("iii.worker.memory.heap_used", "memory_heap_used", true),
        HEAP_TOTAL("iii.worker.memory.heap_total", "memory_heap_total", true),
        RSS("iii.worker.memory.rss", "memory_rss", true),
        EXTERNAL("iii.worker.memory.external", "memory_external", true),
        CPU_USER("iii.worker.cpu.user_micros", "cpu_user_micros", true),
        CPU_SYSTEM("iii.worker.cpu.system_micros", "cpu_system_micros", true),
        CPU_PERCENT("iii.worker.cpu.percent", "cpu_percent", false),
        EVENT_LOOP_LAG("iii.worker.event_loop.lag_ms", "event_loop_lag_ms", false),
        UPTIME("iii.worker.uptime_seconds", "uptime_seconds", true);

        final String metric;
        final String member;
        final boolean unsigned;

        Gauge(String metric, String member, boolean unsigned) {
            this.metric = metric;
            this.member = member;
            this.unsigned = unsigned;
        }

        static Gauge of(String metric) {
            for (Gauge gauge : values()) {
                if (gauge.metric.equals(metric)) {
                    return gauge;
                }
            }
            return null;
        }
    }

    /** One gauge point for one worker: the first point tagged with it in record number {@code record}. */
    private record Reading(long record, long arrivedNanos, String workerId, Gauge gauge, double value,
            long pointNanos) {
    }

    private final Clock clock;
    // guarded by this
    private final ArrayDeque<Reading> readings = new ArrayDeque<>();
    private long records;

    WorkerMetricsStore(Clock clock) {
        this.clock = clock;
    }

    /** Stores the records of one request, as arrived now. */
    synchronized void add(OtlpMetricsRequest request) {
        long now = nanos(clock.instant());
        for (OtlpMetricsRequest.MetricRecord record : request.records()) {
            records++;
            Gauge gauge = Gauge.of(record.name());
            if (gauge == null) {
                continue;
            }
            Set<String> tagged = new HashSet<>();
            for (OtlpMetricsRequest.NumberPoint point : record.points()) {
                for (String workerId : point.workerIds()) {
                    if (tagged.add(workerId)) {
                        readings.add(new Reading(records, now, workerId, gauge, point.value(), point.timeUnixNanos()));
                    }
                }
            }
        }
        prune(now);
    }

    /** The {@code latest_metrics} object for a worker id, or {@code null} when nothing arrived for it lately. */
    synchronized ObjectNode latest(String workerId) {
        long now = nanos(clock.instant());
        prune(now);
        long since = now - LOOK_BACK.toNanos();
        Map<Gauge, Double> values = new EnumMap<>(Gauge.class);
        long latestPoint = 0;
        boolean found = false;
        for (Iterator<Reading> newestFirst = readings.descendingIterator(); newestFirst.hasNext(); ) {
            Reading reading = newestFirst.next();
            boolean inWindow = reading.arrivedNanos() >= since && reading.arrivedNanos() <= now;
            if (!inWindow || !reading.workerId().equals(workerId)) {
                continue;
            }
            found = true;
            if (Long.compareUnsigned(reading.pointNanos(), latestPoint) > 0) {
                latestPoint = reading.pointNanos();
            }
            values.putIfAbsent(reading.gauge(), reading.value());
        }
        if (!found) {
            return null;
        }
        ObjectNode snapshot = EngineJson.object();
        values.forEach((gauge, value) -> {
            if (gauge.unsigned) {
                snapshot.put(gauge.member, saturatedUnsigned(value));
            }
            else {
                snapshot.put(gauge.member, value);
            }
        });
        snapshot.put("timestamp_ms", Long.divideUnsigned(latestPoint, 1_000_000));
        // The real engine writes "node" whatever the worker's runtime: these gauges came from the Node SDK first.
        snapshot.put("runtime", "node");
        return snapshot;
    }

    /** Forgets a worker's gauges: its connection is gone, and its id never comes back. */
    synchronized void forget(String workerId) {
        readings.removeIf(reading -> reading.workerId().equals(workerId));
    }

    /** Drops what can no longer be seen: arrived before the look-back, or beyond the capacity. */
    private void prune(long now) {
        long since = now - LOOK_BACK.toNanos();
        while (!readings.isEmpty() && (readings.peekFirst().arrivedNanos() < since
                || records - readings.peekFirst().record() >= CAPACITY)) {
            readings.pollFirst();
        }
    }

    /** Rust's {@code value as u64}: truncated toward zero, saturating at 0 and at 2^64 - 1. */
    static BigInteger saturatedUnsigned(double value) {
        if (!(value > 0)) {
            return BigInteger.ZERO;
        }
        if (value >= TWO_TO_THE_64) {
            return U64_MAX;
        }
        return new BigDecimal(value).toBigInteger();
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
