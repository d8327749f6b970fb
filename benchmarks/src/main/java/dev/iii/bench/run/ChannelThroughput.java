package dev.iii.bench.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.iii.bench.party.SdkChannelParty;
import dev.iii.bench.process.ChildProcess;
import tools.jackson.databind.JsonNode;

/**
 * Streams one data channel from a writer worker to a reader worker (two processes of the same SDK) through the
 * engine, Java to Java and Node to Node, alternating which goes first each round. The reader creates the channel
 * and hands the writer its ref; throughput is the bytes over the reader's time from its first byte to the end.
 * The Java processes run with {@value #JAVA_HEAP}, so a stream that held on to memory would fail, and they report
 * the most their heap held after a collection while streaming.
 */
public final class ChannelThroughput {

    /** The heap limit of the Java writer and reader. */
    public static final String JAVA_HEAP = "-Xmx64m";
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    /** The SDKs measured. */
    public enum Sdk {
        JAVA("iii-sdk → iii-sdk"), NODE("Node iii-sdk → Node iii-sdk");

        private final String label;

        Sdk(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One stream.
     *
     * @param bytes            bytes the reader received
     * @param readerSeconds    the reader's time from its first byte to the end
     * @param writerSeconds    the writer's time from opening its end to its close
     * @param readerHeapGrowth the most the reader's heap held after a collection while streaming, less its heap
     *                         before (Java only; NaN for Node)
     * @param writerHeapGrowth the same for the writer
     */
    public record Result(Sdk sdk, int round, long bytes, double readerSeconds, double writerSeconds,
            double readerHeapGrowth, double writerHeapGrowth) {

        /** MiB per second, as the reader saw them. */
        public double mibPerSecond() {
            return bytes / 1048576.0 / readerSeconds;
        }

        /** The larger of the two heap growths, in bytes. */
        public double heapGrowth() {
            return Math.max(readerHeapGrowth, writerHeapGrowth);
        }
    }

    private final Launcher launcher;
    private final String engineUrl;

    public ChannelThroughput(Launcher launcher, String engineUrl) {
        this.launcher = launcher;
        this.engineUrl = engineUrl;
    }

    /** {@code rounds} streams of {@code bytes} for each SDK. */
    public List<Result> run(int rounds, long bytes) {
        Progress progress = new Progress("data channels, " + bytes / 1048576 + " MiB per stream",
                rounds * Sdk.values().length);
        List<Result> results = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            List<Sdk> order = round % 2 == 1 ? List.of(Sdk.JAVA, Sdk.NODE) : List.of(Sdk.NODE, Sdk.JAVA);
            for (Sdk sdk : order) {
                Result result = round(sdk, round, bytes);
                results.add(result);
                progress.step(String.format(Locale.ROOT, "%s round %d: %.1f MiB/s%s", sdk.label(), round,
                        result.mibPerSecond(), sdk == Sdk.JAVA ? String.format(Locale.ROOT,
                                ", heap growth %.1f MiB", result.heapGrowth() / 1048576) : ""));
            }
        }
        return results;
    }

    private Result round(Sdk sdk, int round, long bytes) {
        String key = sdk.name().toLowerCase(Locale.ROOT);
        try (ChildProcess reader = start(sdk, "channel-reader-" + key + "-" + round);
                ChildProcess writer = start(sdk, "channel-writer-" + key + "-" + round)) {
            reader.awaitReply("ready", TIMEOUT);
            writer.awaitReply("ready", TIMEOUT);
            JsonNode ref = reader.request("create", TIMEOUT).get("writer");
            reader.send("receive");
            JsonNode written = writer.request("write " + bytes + " " + ref, TIMEOUT);
            JsonNode received = reader.awaitReply("receive", TIMEOUT);
            if (received.get("bytes").asLong() != bytes) {
                throw reader.failure("received " + received.get("bytes") + " bytes of " + bytes);
            }
            return new Result(sdk, round, bytes, seconds(received), seconds(written), growth(sdk, received),
                    growth(sdk, written));
        }
    }

    private ChildProcess start(Sdk sdk, String name) {
        return sdk == Sdk.JAVA
                ? launcher.java(name, List.of(JAVA_HEAP), SdkChannelParty.class, engineUrl, "bench-" + name)
                : launcher.node(name, "channel-party.mjs", NodeCompression.OFF, engineUrl, "bench-" + name);
    }

    private static double seconds(JsonNode reply) {
        return reply.get("elapsed_ns").asLong() / 1e9;
    }

    private static double growth(Sdk sdk, JsonNode reply) {
        return sdk == Sdk.JAVA ? reply.get("heap_peak_after_gc").asLong() - reply.get("heap_before").asLong()
                : Double.NaN;
    }
}
