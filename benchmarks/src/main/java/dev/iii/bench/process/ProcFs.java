package dev.iii.bench.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What Linux reports about a process in {@code /proc}: CPU time (user and system, all threads, those that ended
 * included, from {@code /proc/PID/stat}) and resident memory ({@code VmRSS} of {@code /proc/PID/status}).
 * CPU time counts in clock ticks of {@code getconf CLK_TCK} (usually 10 ms), which is why measured windows
 * last seconds.
 */
public final class ProcFs {

    private final long ticksPerSecond;

    private ProcFs(long ticksPerSecond) {
        this.ticksPerSecond = ticksPerSecond;
    }

    /**
     * Reads the clock tick once.
     *
     * @throws IllegalStateException without {@code /proc} or {@code getconf} (the harness runs on Linux)
     */
    public static ProcFs open() {
        if (!Files.isReadable(Path.of("/proc/self/stat"))) {
            throw new IllegalStateException("/proc is not readable: the harness measures CPU time from /proc and runs on Linux only");
        }
        String ticks = Command.output(Path.of("/"), Duration.ofSeconds(10), List.of("getconf", "CLK_TCK"));
        return new ProcFs(Long.parseLong(ticks));
    }

    /** The user and the system CPU time the process has used so far. */
    public CpuTime cpu(long pid) {
        String stat = read(pid, "stat");
        // Fields after the command name, which is in parentheses and may hold spaces: state is field 3,
        // utime field 14 and stime field 15.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new CpuTime(nanos(fields[11]), nanos(fields[12]));
    }

    /** Resident set size, in bytes. */
    public long residentBytes(long pid) {
        for (String line : read(pid, "status").split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring(6).trim().split("\\s+")[0]) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/" + pid + "/status");
    }

    /** The resolution of {@link #cpu}, in nanoseconds. */
    public long tickNanos() {
        return 1_000_000_000L / ticksPerSecond;
    }

    private long nanos(String ticks) {
        return Long.parseLong(ticks) * 1_000_000_000L / ticksPerSecond;
    }

    private static String read(long pid, String file) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), file), StandardCharsets.ISO_8859_1);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot read /proc/" + pid + "/" + file + " (did the process exit?)", ex);
        }
    }
}
