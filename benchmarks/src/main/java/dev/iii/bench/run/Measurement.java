package dev.iii.bench.run;

import java.util.Map;

import dev.iii.bench.process.CpuTime;
import org.HdrHistogram.Histogram;

/**
 * One measured window: one variant, one cell, one round.
 *
 * @param variant      who called whom
 * @param cell         payload size and calls in flight
 * @param round        1-based round
 * @param completed    calls completed successfully in the window
 * @param errors       calls that failed in the window
 * @param elapsedNanos length of the window, as the caller measured it
 * @param latencies    latency of each successful call, in nanoseconds
 * @param cpu          CPU time each process used in the window
 * @param firstError   the first failure, or empty
 */
public record Measurement(Variant variant, Cell cell, int round, long completed, long errors, long elapsedNanos,
        Histogram latencies, Map<Role, CpuTime> cpu, String firstError) {

    public double invocationsPerSecond() {
        return completed * 1e9 / elapsedNanos;
    }

    /** The latency at {@code percentile} (0–100), in milliseconds; NaN without completed calls. */
    public double latencyMillis(double percentile) {
        return completed == 0 ? Double.NaN : latencies.getValueAtPercentile(percentile) / 1e6;
    }

    /** CPU time (user + system) of {@code role} per completed call, in microseconds; NaN without completed calls. */
    public double cpuMicrosPerInvocation(Role role) {
        return perInvocation(cpu.get(role).totalNanos());
    }

    /** User-mode CPU time of {@code role} per completed call, in microseconds; NaN without completed calls. */
    public double userMicrosPerInvocation(Role role) {
        return perInvocation(cpu.get(role).userNanos());
    }

    /** Kernel CPU time of {@code role} per completed call, in microseconds; NaN without completed calls. */
    public double systemMicrosPerInvocation(Role role) {
        return perInvocation(cpu.get(role).systemNanos());
    }

    private double perInvocation(long nanos) {
        return completed == 0 ? Double.NaN : nanos / 1e3 / completed;
    }
}
