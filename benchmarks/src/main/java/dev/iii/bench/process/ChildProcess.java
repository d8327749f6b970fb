package dev.iii.bench.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.iii.bench.party.ControlChannel;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One process the harness started: its stdout read line by line (every line also goes to its log file, as does
 * its stderr), commands written to its stdin, and every wait bounded, failing with the end of its log when
 * the process dies or does not answer in time.
 */
public final class ChildProcess implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Queued (this very instance, compared by identity) when stdout ends. */
    private static final String EXITED = new String("exited");
    private static final int LOGGED_LINE_LIMIT = 2000;
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final String name;
    private final Process process;
    private final Path log;
    private final boolean controlledByStdin;
    private final Writer stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ChildProcess(String name, Process process, Path log, boolean controlledByStdin) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.controlledByStdin = controlledByStdin;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readStdout, "stdout-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code command} with {@code environment} added, logging to {@code logDirectory/NAME.log}. A process
     * {@code controlledByStdin} exits when its stdin ends; others are stopped with SIGTERM.
     */
    static ChildProcess start(String name, List<String> command, Map<String, String> environment, Path logDirectory,
            boolean controlledByStdin) throws IOException {
        Path log = logDirectory.resolve(name + ".log");
        Files.writeString(log, "$ " + command.stream().map(ChildProcess::abbreviated).collect(Collectors.joining(" "))
                + System.lineSeparator());
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        return new ChildProcess(name, builder.start(), log, controlledByStdin);
    }

    /** An argument as the log shows it: a class path is cut short. */
    private static String abbreviated(String argument) {
        return argument.length() <= 200 ? argument : argument.substring(0, 100) + "...(" + argument.length() + " characters)";
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Process process() {
        return process;
    }

    /** Waits for a line of stdout starting with {@code prefix} and returns the rest of it. */
    public String awaitLine(String prefix, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line;
            try {
                line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + name, ex);
            }
            if (line == null) {
                throw failure("printed no line starting with '" + prefix.trim() + "' within " + timeout.toSeconds() + " s");
            }
            if (line == EXITED) {
                lines.add(EXITED);
                throw failure("exited with code " + exitCode() + " before printing '" + prefix.trim() + "'");
            }
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length());
            }
        }
    }

    /** Waits for the reply {@code keyword}; an {@code error} reply fails. */
    public JsonNode awaitReply(String keyword, Duration timeout) {
        String reply = awaitLine(ControlChannel.REPLY_PREFIX, timeout);
        int space = reply.indexOf(' ');
        String received = space < 0 ? reply : reply.substring(0, space);
        JsonNode value = JSON.readTree(space < 0 ? "{}" : reply.substring(space + 1));
        if (!received.equals(keyword)) {
            throw failure("answered '" + received + "' " + value + " where '" + keyword + "' was expected");
        }
        return value;
    }

    /** Sends a command and waits for its reply (named like the command's first word). */
    public JsonNode request(String command, Duration timeout) {
        send(command);
        return awaitReply(command.split(" ", 2)[0], timeout);
    }

    /** Writes one line to the process's stdin. */
    public void send(String line) {
        try {
            stdin.write(line);
            stdin.write('\n');
            stdin.flush();
        }
        catch (IOException ex) {
            throw failure("cannot be written to (" + ex.getMessage() + ")");
        }
    }

    /** An error naming this process, with the end of its log. */
    public IllegalStateException failure(String what) {
        return new IllegalStateException(name + " " + what + "; end of " + log + ":" + System.lineSeparator()
                + logTail(25));
    }

    /**
     * Ends the process and waits for it: closes its stdin (a process controlled by stdin exits then), then
     * SIGTERM, then SIGKILL, each given 10 s. Idempotent.
     */
    @Override
    public void close() {
        try {
            stdin.close();
        }
        catch (IOException ignored) {
            // already gone
        }
        if (controlledByStdin && waitFor()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!waitFor()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            waitFor();
        }
    }

    private boolean waitFor() {
        try {
            return process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String exitCode() {
        try {
            return process.waitFor(1, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "unknown";
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private void readStdout() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                appendToLog(line.length() <= LOGGED_LINE_LIMIT ? line : line.substring(0, LOGGED_LINE_LIMIT) + " ...");
                lines.add(line);
            }
        }
        catch (IOException ex) {
            appendToLog("(stdout unreadable: " + ex.getMessage() + ")");
        }
        finally {
            lines.add(EXITED);
        }
    }

    private synchronized void appendToLog(String line) {
        try {
            Files.writeString(log, line + System.lineSeparator(), StandardOpenOption.APPEND);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private String logTail(int count) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - count), all.size()));
        }
        catch (IOException | UncheckedIOException ex) {
            return "(log unreadable: " + ex.getMessage() + ")";
        }
    }
}
