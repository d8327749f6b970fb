package dev.iii.sdk.internal.telemetry;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.RuntimeMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the JVM's memory and CPU figures, and on Linux the resident set and the split of CPU time from
 * {@code /proc/self}. Not thread-safe: one reporter owns it, and the CPU percentage is the change since the
 * previous reading.
 */
final class ProcessSampler {

    private static final Path STAT = Path.of("/proc/self/stat");
    private static final Path STATUS = Path.of("/proc/self/status");
    /** The kernel's clock tick for {@code stat}; 100 on every Linux the JVM runs on. */
    private static final long TICKS_PER_SECOND = 100;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
    private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    private long lastCpuNanos = -1;
    private long lastWallNanos;

    ProcessSample sample() {
        MemoryUsage heap = memory.getHeapMemoryUsage();
        long[] cpuSplit = cpuSplitMicros();
        return new ProcessSample(heap.getUsed(), heap.getCommitted(), memory.getNonHeapMemoryUsage().getUsed(),
                residentBytes(), cpuPercent(), cpuSplit[0], cpuSplit[1], runtime.getUptime() / 1000);
    }

    private double cpuPercent() {
        if (!(os instanceof com.sun.management.OperatingSystemMXBean hotspot)) {
            return -1;
        }
        long cpu = hotspot.getProcessCpuTime();
        long wall = System.nanoTime();
        if (cpu < 0) {
            return -1;
        }
        double percent;
        if (lastCpuNanos < 0) {
            // The first reading covers the process's life so far.
            long uptimeNanos = Math.max(1, runtime.getUptime()) * 1_000_000;
            percent = 100.0 * cpu / uptimeNanos;
        }
        else {
            percent = 100.0 * (cpu - lastCpuNanos) / Math.max(1, wall - lastWallNanos);
        }
        lastCpuNanos = cpu;
        lastWallNanos = wall;
        return percent;
    }

    /** {@code utime} and {@code stime} (fields 14 and 15 of {@code /proc/self/stat}) in microseconds. */
    private static long[] cpuSplitMicros() {
        try {
            String stat = Files.readString(STAT);
            // The command name (field 2) is in parentheses and may hold spaces: count from after it.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long perTick = 1_000_000 / TICKS_PER_SECOND;
            return new long[] { Long.parseLong(fields[11]) * perTick, Long.parseLong(fields[12]) * perTick };
        }
        catch (IOException | RuntimeException ex) {
            return new long[] { -1, -1 };
        }
    }

    /** {@code VmRSS} of {@code /proc/self/status}, which the kernel gives in kB whatever its page size. */
    private static long residentBytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).trim().split("\\s+")[0]) * 1024;
                }
            }
        }
        catch (IOException | RuntimeException ex) {
            // not Linux, or no procfs
        }
        return -1;
    }
}
