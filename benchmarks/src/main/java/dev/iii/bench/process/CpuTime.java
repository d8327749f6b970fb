package dev.iii.bench.process;

/**
 * CPU time a process used, split as Linux counts it: in user mode (the process's own code) and in the kernel
 * (system calls, and for a socket's sender on loopback, the receiver's TCP processing too).
 *
 * @param userNanos   user-mode time, in nanoseconds
 * @param systemNanos kernel time, in nanoseconds
 */
public record CpuTime(long userNanos, long systemNanos) {

    /** User plus system time, in nanoseconds. */
    public long totalNanos() {
        return userNanos + systemNanos;
    }

    /** The time used between {@code earlier} and this sample. */
    public CpuTime since(CpuTime earlier) {
        return new CpuTime(userNanos - earlier.userNanos, systemNanos - earlier.systemNanos);
    }
}
