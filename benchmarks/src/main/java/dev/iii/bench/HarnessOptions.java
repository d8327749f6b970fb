package dev.iii.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.iii.bench.run.Cell;
import dev.iii.bench.run.JmhSuite;
import dev.iii.bench.run.LoadMatrix;
import dev.iii.bench.run.NodeCompression;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * What a run does, from the command line. {@code --quick} is for development (two payloads, two concurrencies,
 * short windows, one start-up and registration round, short JMH); the default, full mode is what the docs
 * show. Any preset value can be overridden.
 *
 * @param quick            whether the quick preset was chosen
 * @param repository       the checkout (benchmarks/run passes it)
 * @param output           where {@code performance.md} and {@code images/performance/} are written
 * @param payloads         payload sizes in bytes
 * @param concurrencies    calls in flight
 * @param maxInFlightBytes cells with more payload bytes in flight than this are left out
 * @param rounds           rounds of the load matrix
 * @param initialWarmup    load of each variant before the first measured window
 * @param warmup           load before each measured window
 * @param measure          length of each measured window
 * @param sideRounds       rounds of the registration, start-up and data channel timings
 * @param channelBytes     bytes streamed through each data channel
 * @param jmh              JMH's iterations, or {@code null} to skip JMH
 * @param nodeModes        how the Node processes' WebSocket runs; one set of Node rows per mode
 * @param aotJdk           a JDK (25 or later) that also starts the quickstart with an AOT cache, or {@code null}
 * @param command          the command as the report shows it
 */
public record HarnessOptions(boolean quick, Path repository, Path output, List<Integer> payloads,
        List<Integer> concurrencies, long maxInFlightBytes, int rounds, Duration initialWarmup, Duration warmup,
        Duration measure, int sideRounds, long channelBytes,
        JmhSuite.Settings jmh, Set<NodeCompression> nodeModes, Path aotJdk, String command) {

    static final String USAGE = """
            usage: benchmarks/run [--quick] [--out DIR] [--rounds N] [--warmup SECONDS] [--measure SECONDS]
                                  [--payloads BYTES,...] [--concurrency N,...] [--max-in-flight-mib N]
                                  [--node-compression both|off|on] [--side-rounds N] [--channel-mib N] [--no-jmh]
                                  [--aot-jdk DIR]
              --quick             short run for development, written to benchmarks/target/quick-report
              --out DIR           where performance.md and images/performance/ go (full mode: docs/)
              --node-compression  Node SDK WebSocket: off (as on the real engine), on (permessage-deflate offered,
                                  accepted by the embedded engine), both (default: one set of Node rows each)
              --channel-mib N     MiB streamed through each data channel (quick: 256, full: 1024)
              --aot-jdk DIR       a JDK 25 or later: the quickstart's start-up is also timed on it with an AOT cache
                                  (JEP 483, made by one training start), next to the start on the default JVM
            """;

    /**
     * Reads the command line.
     *
     * @throws IllegalArgumentException for an unknown or malformed argument
     */
    static HarnessOptions parse(String[] args) {
        boolean quick = Arrays.asList(args).contains("--quick");
        Path repository = null;
        Path output = null;
        List<Integer> payloads = quick ? List.of(100, 10 * 1024) : List.of(100, 10 * 1024, 1024 * 1024);
        List<Integer> concurrencies = quick ? List.of(1, 64) : List.of(1, 16, 64, 256);
        long maxInFlight = 16L * 1024 * 1024;
        int rounds = quick ? 2 : 3;
        Duration initialWarmup = quick ? Duration.ofSeconds(1) : Duration.ofSeconds(5);
        Duration warmup = quick ? Duration.ofMillis(500) : Duration.ofSeconds(2);
        Duration measure = quick ? Duration.ofMillis(1500) : Duration.ofSeconds(4);
        int sideRounds = quick ? 1 : 3;
        long channelBytes = (quick ? 256L : 1024L) * 1024 * 1024;
        JmhSuite.Settings jmh = quick ? new JmhSuite.Settings(1, 2, TimeValue.milliseconds(500))
                : new JmhSuite.Settings(3, 5, TimeValue.seconds(1));
        Set<NodeCompression> nodeModes = EnumSet.allOf(NodeCompression.class);
        Path aotJdk = null;
        String command = "benchmarks/run";
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--quick" -> { }
                case "--help" -> throw new IllegalArgumentException("");
                case "--no-jmh" -> jmh = null;
                case "--repository" -> repository = Path.of(value(args, ++i, arg)).toAbsolutePath().normalize();
                case "--out" -> output = Path.of(value(args, ++i, arg)).toAbsolutePath().normalize();
                case "--rounds" -> rounds = positive(value(args, ++i, arg), arg);
                case "--side-rounds" -> sideRounds = positive(value(args, ++i, arg), arg);
                case "--channel-mib" -> channelBytes = positive(value(args, ++i, arg), arg) * 1024L * 1024;
                case "--warmup" -> warmup = seconds(value(args, ++i, arg), arg);
                case "--measure" -> measure = seconds(value(args, ++i, arg), arg);
                case "--payloads" -> payloads = list(value(args, ++i, arg), arg);
                case "--concurrency" -> concurrencies = list(value(args, ++i, arg), arg);
                case "--max-in-flight-mib" -> maxInFlight = positive(value(args, ++i, arg), arg) * 1024L * 1024;
                case "--node-compression" -> nodeModes = nodeModes(value(args, ++i, arg));
                case "--aot-jdk" -> aotJdk = jdk(value(args, ++i, arg), arg);
                case "--command" -> command = value(args, ++i, arg);
                default -> throw new IllegalArgumentException("unknown argument: " + arg);
            }
        }
        if (repository == null) {
            throw new IllegalArgumentException("--repository is required (benchmarks/run passes it)");
        }
        if (output == null) {
            output = quick ? repository.resolve("benchmarks/target/quick-report") : repository.resolve("docs");
        }
        return new HarnessOptions(quick, repository, output, payloads, concurrencies, maxInFlight, rounds, initialWarmup,
                warmup, measure, sideRounds, channelBytes, jmh, nodeModes, aotJdk, command);
    }

    /** The load matrix: every payload at every concurrency, unless it holds too much in flight. */
    LoadMatrix.Plan plan() {
        return new LoadMatrix.Plan(allCells().stream().filter(cell -> cell.inFlightBytes() <= maxInFlightBytes).toList(),
                rounds, initialWarmup, warmup, measure);
    }

    /** The cells {@link #plan()} leaves out. */
    List<Cell> skippedCells() {
        return allCells().stream().filter(cell -> cell.inFlightBytes() > maxInFlightBytes).toList();
    }

    private List<Cell> allCells() {
        List<Cell> cells = new ArrayList<>();
        for (int bytes : payloads) {
            for (int concurrency : concurrencies) {
                cells.add(new Cell(bytes, concurrency));
            }
        }
        return cells;
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int positive(String value, String option) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed > 0) {
                return parsed;
            }
        }
        catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs a positive whole number, got '" + value + "'");
    }

    private static Duration seconds(String value, String option) {
        try {
            double parsed = Double.parseDouble(value);
            if (parsed > 0) {
                return Duration.ofMillis(Math.round(parsed * 1000));
            }
        }
        catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs a positive number of seconds, got '" + value + "'");
    }

    private static List<Integer> list(String value, String option) {
        return Arrays.stream(value.split(",")).map(part -> positive(part.trim(), option)).toList();
    }

    private static Path jdk(String value, String option) {
        Path home = Path.of(value).toAbsolutePath().normalize();
        if (!Files.isExecutable(home.resolve("bin/java"))) {
            throw new IllegalArgumentException(option + " needs a JDK's home directory (with bin/java), got '" + value + "'");
        }
        return home;
    }

    private static Set<NodeCompression> nodeModes(String value) {
        return switch (value) {
            case "both" -> EnumSet.allOf(NodeCompression.class);
            case "off" -> EnumSet.of(NodeCompression.OFF);
            case "on" -> EnumSet.of(NodeCompression.OFFERED);
            default -> throw new IllegalArgumentException("--node-compression is both, off or on, got '" + value + "'");
        };
    }
}
