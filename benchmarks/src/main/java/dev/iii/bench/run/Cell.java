package dev.iii.bench.run;

/** One point of the load matrix: the payload size and the number of calls in flight. */
public record Cell(int payloadBytes, int concurrency) {

    /** Calls in flight times payload size: what the engine holds at once. */
    public long inFlightBytes() {
        return (long) payloadBytes * concurrency;
    }

    /** {@code 100 B}, {@code 10 KiB}, {@code 1 MiB}. */
    public static String size(int bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " B";
    }

    @Override
    public String toString() {
        return size(payloadBytes) + " x " + concurrency + " in flight";
    }
}
