package dev.iii.bench.run;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;

import dev.iii.bench.process.ChildProcess;
import dev.iii.bench.process.CpuTime;
import dev.iii.bench.process.ProcFs;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;

/**
 * Runs the load matrix. For each cell, every variant is measured once per round, the order reversed every
 * other round ({@code A B C, C B A, A B C ...}) so a drift of the machine spreads over all variants alike. One
 * measurement: the caller starts its closed loop, warms up, the harness reads the CPU time of the engine, the
 * worker and the caller from {@code /proc} and marks the window's start, waits, reads the CPU times again and
 * stops the caller, which reports the calls completed in the window and their latencies.
 */
public final class LoadMatrix {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(90);
    /** The caller drains its calls in flight for up to 60 s before it answers {@code stop}. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);

    /**
     * What to run.
     *
     * @param cells         payload sizes and concurrencies, in order
     * @param rounds        measurements of each variant in each cell
     * @param initialWarmup load of each variant before the first measurement, so that no process is measured
     *                      before it ran its code a while (the JIT compilers)
     * @param warmup        load before each measured window
     * @param measure       length of each measured window
     */
    public record Plan(List<Cell> cells, int rounds, Duration initialWarmup, Duration warmup, Duration measure) {
    }

    private final Fleet fleet;
    private final ProcFs proc;
    private final Path payloadDirectory;
    private final List<Variant> variants;

    public LoadMatrix(Fleet fleet, ProcFs proc, Path payloadDirectory, List<Variant> variants) {
        this.fleet = fleet;
        this.proc = proc;
        this.payloadDirectory = payloadDirectory;
        this.variants = List.copyOf(variants);
    }

    /** Runs every cell of {@code plan}: {@code cells x rounds x variants} measurements. */
    public List<Measurement> run(Plan plan) {
        warmUp(plan);
        Progress progress = new Progress("load", plan.cells().size() * plan.rounds() * variants.size());
        Map<Integer, Path> payloads = new LinkedHashMap<>();
        List<Measurement> measurements = new ArrayList<>();
        for (Cell cell : plan.cells()) {
            Path payload = payloads.computeIfAbsent(cell.payloadBytes(), this::probedPayload);
            for (int round = 1; round <= plan.rounds(); round++) {
                List<Variant> order = new ArrayList<>(variants);
                if (round % 2 == 0) {
                    Collections.reverse(order);
                }
                for (Variant variant : order) {
                    Measurement measurement = measure(variant, cell, round, payload, plan);
                    measurements.add(measurement);
                    progress.step(String.format("%s, round %d/%d, %-22s %,10.0f inv/s  p99 %8.2f ms%s", cell, round,
                            plan.rounds(), variant, measurement.invocationsPerSecond(), measurement.latencyMillis(99),
                            measurement.errors() > 0 ? "  " + measurement.errors() + " errors: " + measurement.firstError() : ""));
                }
            }
        }
        return measurements;
    }

    /**
     * Runs each variant unmeasured for {@code plan.initialWarmup()}, with the first payload at its most calls in
     * flight (the most calls per second, so the most for the JIT compilers to see).
     */
    private void warmUp(Plan plan) {
        int bytes = plan.cells().get(0).payloadBytes();
        Cell busiest = plan.cells().stream().filter(cell -> cell.payloadBytes() == bytes)
                .max(Comparator.comparingInt(Cell::concurrency)).orElseThrow();
        Path payload = Payloads.write(payloadDirectory, bytes);
        Progress progress = new Progress("warm-up, " + busiest + ", " + plan.initialWarmup().toSeconds() + " s each", variants.size());
        for (Variant variant : variants) {
            ChildProcess caller = fleet.caller(variant.caller());
            caller.request("start " + variant.worker().functionId() + " " + busiest.concurrency() + " " + payload, COMMAND_TIMEOUT);
            sleep(plan.initialWarmup());
            JsonNode window = caller.request("stop", STOP_TIMEOUT);
            progress.step(variant + ": " + window.path("count").asLong() + " calls, " + window.path("errors").asLong() + " errors");
        }
    }

    /** Writes the payload and checks that every variant's worker echoes it through every variant's caller. */
    private Path probedPayload(int bytes) {
        Path payload = Payloads.write(payloadDirectory, bytes);
        for (Variant variant : variants) {
            fleet.caller(variant.caller()).request("probe " + variant.worker().functionId() + " " + payload, PROBE_TIMEOUT);
        }
        return payload;
    }

    private Measurement measure(Variant variant, Cell cell, int round, Path payload, Plan plan) {
        ChildProcess caller = fleet.caller(variant.caller());
        Map<Role, Long> pids = new EnumMap<>(Role.class);
        pids.put(Role.ENGINE, fleet.engine().process().pid());
        pids.put(Role.WORKER, fleet.worker(variant.worker()).pid());
        pids.put(Role.CALLER, caller.pid());
        caller.request("start " + variant.worker().functionId() + " " + cell.concurrency() + " " + payload, COMMAND_TIMEOUT);
        sleep(plan.warmup());
        Map<Role, CpuTime> before = cpu(pids);
        caller.request("mark", COMMAND_TIMEOUT);
        sleep(plan.measure());
        Map<Role, CpuTime> after = cpu(pids);
        JsonNode window = caller.request("stop", STOP_TIMEOUT);
        Map<Role, CpuTime> used = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            used.put(role, after.get(role).since(before.get(role)));
        }
        return new Measurement(variant, cell, round, window.path("count").asLong(), window.path("errors").asLong(),
                window.path("elapsed_ns").asLong(), latencies(window), used, window.path("first_error").asString(""));
    }

    private Map<Role, CpuTime> cpu(Map<Role, Long> pids) {
        Map<Role, CpuTime> sample = new EnumMap<>(Role.class);
        pids.forEach((role, pid) -> sample.put(role, proc.cpu(pid)));
        return sample;
    }

    /** The window's latencies: an encoded HdrHistogram from Java callers, raw nanoseconds from Node ones. */
    static Histogram latencies(JsonNode window) {
        if (window.has("histogram")) {
            try {
                return Histogram.decodeFromCompressedByteBuffer(
                        ByteBuffer.wrap(Base64.getDecoder().decode(window.get("histogram").asString())), 0);
            }
            catch (DataFormatException ex) {
                throw new IllegalStateException("unreadable histogram from a caller", ex);
            }
        }
        Histogram histogram = new Histogram(3);
        for (JsonNode latency : window.path("latencies_ns")) {
            histogram.recordValue(latency.asLong());
        }
        return histogram;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
    }
}
