package dev.iii.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * A Node script from {@code interop/workers} running as a child process with the official Node SDK. Its
 * output is collected line by line; tests wait for a readiness line and assert on the rest. Closing it sends
 * SIGTERM, then kills it if it does not stop.
 */
final class NodeWorker implements AutoCloseable {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final String script;
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private NodeWorker(String script, Process process) {
        this.script = script;
        this.process = process;
        this.reader = new Thread(this::readOutput, "node-" + script);
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /**
     * Starts {@code workers/<script>} with {@code III_URL} set to the engine and telemetry off.
     *
     * @param env extra environment, e.g. {@code WORKER_NAME}
     */
    static NodeWorker start(String script, String engineUrl, Map<String, String> env) {
        return start(interopDir(), "workers/" + script, engineUrl, env);
    }

    /** Starts {@code <directory>/<script>}, for scripts with their own {@code node_modules} (the samples). */
    static NodeWorker start(Path directory, String script, String engineUrl, Map<String, String> env) {
        ProcessBuilder builder = new ProcessBuilder(nodeExecutable(), script)
                .directory(directory.toFile())
                .redirectErrorStream(true);
        builder.environment().put("III_URL", engineUrl);
        builder.environment().put("OTEL_ENABLED", "false");
        builder.environment().putAll(env);
        try {
            return new NodeWorker(script, builder.start());
        }
        catch (IOException ex) {
            throw new UncheckedIOException("could not start node for " + script, ex);
        }
    }

    /** Waits for the first output line starting with {@code prefix} and returns the rest of that line. */
    String awaitLine(String prefix) {
        String line = Awaitility.await().atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(20))
                .alias(script + " to print a line starting with '" + prefix + "'")
                .until(() -> {
                    for (String candidate : lines) {
                        if (candidate.startsWith(prefix)) {
                            return candidate;
                        }
                    }
                    if (!process.isAlive() && !reader.isAlive()) {
                        throw new AssertionError(script + " exited with " + process.exitValue() + ":\n" + output());
                    }
                    return null;
                }, found -> found != null);
        return line.substring(prefix.length()).strip();
    }

    /** Waits for the script to end on its own and returns its exit code. */
    int awaitExit() {
        try {
            if (!process.waitFor(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(script + " did not exit:\n" + output());
            }
            reader.join(TimeUnit.SECONDS.toMillis(5));
            return process.exitValue();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    /** Writes one line to the script's standard input. */
    void send(String line) {
        try {
            process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(script + " no longer reads its input:\n" + output(), ex);
        }
    }

    String output() {
        return String.join("\n", lines);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
            }
        }
        catch (IOException ex) {
            // the process is gone; what was read is kept
        }
    }

    static Path interopDir() {
        Path dir = Path.of(System.getProperty("interop.dir", "."));
        NodeProjects.requireInstalled(dir);
        return dir;
    }

    static String nodeExecutable() {
        return System.getProperty("node.executable", "node");
    }
}
