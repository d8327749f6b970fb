package dev.iii.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The packaged standalone engine jar as a process of its own, so that a test can kill it the way an operator's
 * {@code kill -9} or an OOM killer does (no close frame, no goodbye) and start it again on the same ports.
 * Its output (the listening line, then the engine's log) is collected line by line.
 */
final class EngineProcess implements AutoCloseable {

    private static final String LISTENING = "iii embedded engine listening on ";

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final String url;
    private final String httpUrl;

    private EngineProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::readOutput, "engine-process-output");
        reader.setDaemon(true);
        reader.start();
        String line = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                .alias("the engine process to print its listening line").until(this::listeningLine, found -> found != null);
        this.url = line.substring(LISTENING.length(), line.indexOf(" (http on "));
        this.httpUrl = line.substring(line.indexOf(" (http on ") + " (http on ".length(), line.length() - 1);
    }

    /** The jar built by the engine module earlier in the reactor; tests without it are skipped. */
    static Path jar() {
        Path jar = Path.of(System.getProperty("standalone.jar",
                "../iii-embedded-engine/target/iii-embedded-engine-0.1.0-SNAPSHOT-standalone.jar"));
        assumeThat(Files.exists(jar)).as("standalone engine jar built (%s)", jar).isTrue();
        return jar;
    }

    /**
     * Starts the engine and waits until it listens.
     *
     * @param port       worker port, 0 for a free one
     * @param httpPort   http trigger port, 0 for a free one
     * @param logLevels  slf4j-simple levels by logger, e.g. {@code dev.iii.engine.InvocationRouter=debug}
     */
    static EngineProcess start(int port, int httpPort, String... logLevels) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1"));
        for (String level : logLevels) {
            command.add("-Dorg.slf4j.simpleLogger.log." + level);
        }
        command.addAll(List.of("-jar", jar().toString(), "--port", Integer.toString(port), "--http-port",
                Integer.toString(httpPort)));
        try {
            return new EngineProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
        }
        catch (IOException ex) {
            throw new UncheckedIOException("could not start the engine process", ex);
        }
    }

    String url() {
        return url;
    }

    String httpUrl() {
        return httpUrl;
    }

    int port() {
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    }

    int httpPort() {
        return Integer.parseInt(httpUrl.substring(httpUrl.lastIndexOf(':') + 1));
    }

    /** Every line the engine printed so far. */
    List<String> output() {
        return List.copyOf(lines);
    }

    /** SIGKILL: the kernel drops the engine's sockets; no WebSocket close is sent. */
    void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** SIGTERM, as a normal stop. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            awaitExit();
        }
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the engine process did not exit");
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private String listeningLine() {
        for (String line : lines) {
            if (line.startsWith(LISTENING)) {
                return line;
            }
        }
        if (!process.isAlive()) {
            throw new AssertionError("the engine process exited with " + process.exitValue() + ":\n"
                    + String.join("\n", lines));
        }
        return null;
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
}
