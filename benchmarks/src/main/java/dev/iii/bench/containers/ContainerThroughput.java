package dev.iii.bench.containers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Streams through every pair of a sink server (Tomcat, Jetty) and a client (Tomcat, Jetty, the JDK's), each in a
 * process of its own, and prints a Markdown table: MiB/s and CPU nanoseconds per byte of each side, the median
 * of the measured rounds with the MiB/s range. Run by {@code benchmarks/run --containers [--mib N] [--rounds N]}.
 */
public final class ContainerThroughput {

    private static final List<String> SERVERS = List.of("tomcat", "jetty");
    private static final List<String> CLIENTS = List.of("tomcat", "jetty", "jdk");

    /** One measured round, as {@link StreamingClient} prints it. */
    record Round(double mibPerSecond, double clientNanosPerByte, double serverNanosPerByte) {

        static Round parse(String line) {
            String[] fields = line.split(" ");
            return new Round(Double.parseDouble(fields[1]), Double.parseDouble(fields[2]),
                    Double.parseDouble(fields[3]));
        }
    }

    private ContainerThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int mib = 256;
        int rounds = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--mib" -> mib = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("usage: benchmarks/run --containers [--mib N] "
                        + "[--rounds N]; unknown: " + args[i]);
            }
        }
        System.out.printf("%d MiB in 64 KiB binary messages per round, one warm-up round and %d measured; median"
                + " (MiB/s range)%n%n", mib, rounds);
        System.out.println("| server | client | MiB/s | client CPU ns/B | server CPU ns/B |");
        System.out.println("|---|---|---|---|---|");
        for (String server : SERVERS) {
            for (String client : CLIENTS) {
                List<Round> measured = run(server, client, mib, rounds);
                System.out.printf(Locale.ROOT, "| %s | %s | %.0f (%.0f–%.0f) | %.1f | %.1f |%n", server, client,
                        median(measured.stream().mapToDouble(Round::mibPerSecond).toArray()),
                        measured.stream().mapToDouble(Round::mibPerSecond).min().orElseThrow(),
                        measured.stream().mapToDouble(Round::mibPerSecond).max().orElseThrow(),
                        median(measured.stream().mapToDouble(Round::clientNanosPerByte).toArray()),
                        median(measured.stream().mapToDouble(Round::serverNanosPerByte).toArray()));
            }
        }
    }

    private static List<Round> run(String server, String client, int mib, int rounds) throws Exception {
        Process sink = java(SinkServer.class, server);
        try (BufferedReader sinkOut = lines(sink)) {
            String ready;
            while ((ready = sinkOut.readLine()) != null && !ready.startsWith("READY ")) {
                // Start-up lines before the port.
            }
            if (ready == null) {
                throw new IllegalStateException("the " + server + " sink did not start");
            }
            Process streamer = java(StreamingClient.class, client, ready.substring(6), String.valueOf(mib),
                    String.valueOf(rounds));
            List<Round> measured = new ArrayList<>();
            try (BufferedReader out = lines(streamer)) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("ROUND ")) {
                        measured.add(Round.parse(line));
                    }
                }
            }
            if (!streamer.waitFor(60, TimeUnit.SECONDS) || streamer.exitValue() != 0 || measured.size() != rounds) {
                streamer.destroyForcibly();
                throw new IllegalStateException(client + " client on the " + server + " sink failed");
            }
            return measured;
        }
        finally {
            sink.destroyForcibly().waitFor();
        }
    }

    private static Process java(Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        // Container logs go to stderr and are not the measurement.
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static BufferedReader lines(Process process) {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
