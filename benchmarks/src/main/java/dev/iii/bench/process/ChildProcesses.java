package dev.iii.bench.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Every process of a run. They are ended in reverse order of starting when the run closes this, and also from a
 * shutdown hook, so a run that fails, is interrupted (Ctrl-C) or is terminated leaves no process behind.
 */
public final class ChildProcesses implements AutoCloseable {

    private final Path logDirectory;
    private final Deque<ChildProcess> started = new ArrayDeque<>();
    private final Thread shutdownHook = new Thread(this::closeAll, "bench-cleanup");

    public ChildProcesses(Path logDirectory) {
        this.logDirectory = logDirectory;
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a process whose output goes to {@code NAME.log} in the run directory; one {@code controlledByStdin}
     * exits when its stdin ends, others are stopped with SIGTERM.
     */
    public ChildProcess start(String name, List<String> command, Map<String, String> environment,
            boolean controlledByStdin) {
        try {
            ChildProcess child = ChildProcess.start(name, command, environment, logDirectory, controlledByStdin);
            synchronized (started) {
                started.push(child);
            }
            return child;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot start " + name + ": " + String.join(" ", command), ex);
        }
    }

    @Override
    public void close() {
        closeAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        }
        catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or ran: nothing left to do
        }
    }

    private void closeAll() {
        while (true) {
            ChildProcess child;
            synchronized (started) {
                child = started.poll();
            }
            if (child == null) {
                return;
            }
            child.close();
        }
    }
}
