package dev.iii.interop;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * The Node.js side of the interop tests: checks that Node.js is there and installs a folder's pinned
 * packages ({@code npm ci}) once per test run. Without Node.js the tests are skipped with the reason, so the
 * build still works with Java alone; with {@code CI=true} a missing Node.js fails them instead, because CI
 * must run them.
 */
final class NodeProjects {

    private static final Set<Path> INSTALLED = ConcurrentHashMap.newKeySet();

    private NodeProjects() {
    }

    /** Skips (or, in CI, fails) the calling tests without Node.js; runs {@code npm ci} in {@code directory} once. */
    static synchronized void requireInstalled(Path directory) {
        Path folder = directory.toAbsolutePath().normalize();
        if (INSTALLED.contains(folder)) {
            return;
        }
        if (run(folder, NodeWorker.nodeExecutable(), "--version") != 0) {
            String reason = "Node.js (" + NodeWorker.nodeExecutable() + ") is not on the PATH: the interop tests against "
                    + "the official Node SDK need it";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(reason + ", and CI must run them");
            }
            Assumptions.abort(reason + "; skipped");
        }
        int exit = run(folder, System.getProperty("npm.executable", "npm"), "ci", "--no-audit", "--no-fund",
                "--loglevel=error");
        if (exit != 0) {
            throw new AssertionError("npm ci failed in " + folder + " (exit " + exit + ")");
        }
        INSTALLED.add(folder);
    }

    private static int run(Path directory, String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        }
        catch (IOException ex) {
            return -1;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
