package dev.iii.bench.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A short command the harness runs to learn something ({@code getconf}, {@code node --version}, {@code git}). */
public final class Command {

    private Command() {
    }

    /**
     * Runs {@code command} in {@code directory} and returns what it printed (stdout and stderr), trimmed.
     *
     * @throws IllegalStateException when it cannot start, fails, or runs longer than {@code timeout}
     */
    public static String output(Path directory, Duration timeout, List<String> command) {
        String shown = String.join(" ", command);
        Path output = null;
        try {
            output = Files.createTempFile("bench-command", ".txt");
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(shown + " took longer than " + timeout.toSeconds() + " s");
            }
            String printed = Files.readString(output).trim();
            if (process.exitValue() != 0) {
                throw new IllegalStateException(shown + " failed (exit " + process.exitValue() + "): " + printed);
            }
            return printed;
        }
        catch (IOException ex) {
            throw new IllegalStateException(shown + " cannot run: " + ex.getMessage(), ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + shown, ex);
        }
        finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                }
                catch (IOException ignored) {
                    // a temporary file left behind
                }
            }
        }
    }
}
