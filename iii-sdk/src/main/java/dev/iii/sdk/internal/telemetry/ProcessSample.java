package dev.iii.sdk.internal.telemetry;

/**
 * One reading of the worker process, in the units of the engine's {@code iii.worker.*} gauges. A value the
 * platform does not give is negative and is left out of the report, as the wire specification asks (§9).
 *
 * @param heapUsedBytes      heap in use ({@code iii.worker.memory.heap_used})
 * @param heapCommittedBytes heap committed by the JVM ({@code heap_total})
 * @param nonHeapUsedBytes   metaspace, code cache and the other non-heap pools ({@code external}, Node's memory
 *                           outside its heap)
 * @param rssBytes           resident set size from {@code /proc/self/status}; -1 elsewhere
 * @param cpuPercent         process CPU time over wall time since the previous reading, as {@code top} shows it
 *                           (above 100 on several cores); -1 when the JVM does not measure process CPU
 * @param cpuUserMicros      user CPU time since the process started, from {@code /proc/self/stat}; -1 elsewhere
 * @param cpuSystemMicros    system CPU time since the process started, from {@code /proc/self/stat}; -1 elsewhere
 * @param uptimeSeconds      seconds since the JVM started
 */
record ProcessSample(long heapUsedBytes, long heapCommittedBytes, long nonHeapUsedBytes, long rssBytes,
        double cpuPercent, long cpuUserMicros, long cpuSystemMicros, long uptimeSeconds) {
}
