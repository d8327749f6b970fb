package dev.iii.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import dev.iii.bench.process.Command;
import dev.iii.bench.run.NodeInstall;

/**
 * Where and on what a run ran, read at its start (and the load average again at its end): the facts a reader
 * needs to judge the figures.
 *
 * @param started       UTC date and time the run started
 * @param cores         processors available to the JVM
 * @param cpu           the processor's model name from {@code /proc/cpuinfo}
 * @param memoryBytes   {@code MemTotal} from {@code /proc/meminfo}
 * @param os            operating system, kernel version and architecture
 * @param jvm           the JVM every Java process of the run uses
 * @param node          Node.js and the Node SDK
 * @param loadAtStart   {@code /proc/loadavg}'s 1, 5 and 15 minute averages at the start
 * @param loadAtEnd     the same at the end
 * @param commit        the checkout's commit, with {@code +changes} when it had uncommitted changes (other than
 *                      the page and plots a run writes)
 */
public record MachineFacts(String started, int cores, String cpu, long memoryBytes, String os, String jvm, String node,
        String loadAtStart, String loadAtEnd, String commit) {

    public static MachineFacts collect(Path repository, NodeInstall node) {
        return new MachineFacts(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                Runtime.getRuntime().availableProcessors(), cpuModel(), memTotal(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version") + " ("
                        + System.getProperty("java.vm.vendor") + ")",
                "Node.js " + node.nodeVersion() + ", npm iii-sdk " + node.sdkVersion(), loadAverage(), "", commit(repository));
    }

    /** These facts with the load average read now. */
    public MachineFacts atEnd() {
        return new MachineFacts(started, cores, cpu, memoryBytes, os, jvm, node, loadAtStart, loadAverage(), commit);
    }

    private static String cpuModel() {
        return procLines("cpuinfo").stream().filter(line -> line.startsWith("model name")).findFirst()
                .map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown processor");
    }

    private static long memTotal() {
        return procLines("meminfo").stream().filter(line -> line.startsWith("MemTotal:")).findFirst()
                .map(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024).orElse(0L);
    }

    private static String loadAverage() {
        List<String> lines = procLines("loadavg");
        if (lines.isEmpty()) {
            return "unknown";
        }
        String[] fields = lines.get(0).split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    private static List<String> procLines(String file) {
        try {
            return Files.readAllLines(Path.of("/proc", file), StandardCharsets.ISO_8859_1);
        }
        catch (IOException ex) {
            return List.of();
        }
    }

    private static String commit(Path repository) {
        String head = git(repository, "rev-parse", "--short=12", "HEAD");
        if (head.isEmpty()) {
            return "unknown (not a git checkout)";
        }
        // What a run writes itself does not count as a change to what it measured.
        return git(repository, "status", "--porcelain", "--untracked-files=no", "--", ".", ":!docs/performance.md",
                ":!docs/images/performance").isEmpty() ? head : head + " +changes";
    }

    private static String git(Path repository, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", repository.toString()));
        command.addAll(List.of(args));
        try {
            return Command.output(repository, Duration.ofSeconds(30), command);
        }
        catch (IllegalStateException notAGitCheckout) {
            return "";
        }
    }
}
