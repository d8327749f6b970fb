package dev.iii.bench.party;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * How the harness drives a worker or caller process: one command per line on stdin, one reply per command on
 * stdout as {@code @bench <keyword> <json>} (other output, such as a library's log lines, is ignored by the
 * harness). Every process answers {@code stats} with its heap after a collection. When stdin ends (the
 * harness finished or died), {@link #serve()} returns and the process exits, so no participant outlives the
 * harness.
 */
public final class ControlChannel {

    /** Marks the lines of stdout that are replies to the harness. */
    public static final String REPLY_PREFIX = "@bench ";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final PrintStream OUT = System.out;

    private final Map<String, Command> commands = new HashMap<>();

    /** One command: its arguments (the words after its name) in, the reply's JSON value out. */
    @FunctionalInterface
    public interface Command {
        Object run(String[] args) throws Exception;
    }

    public ControlChannel() {
        on("stats", args -> heapAfterCollection());
    }

    /** Adds a command; its reply keyword is its name. */
    public ControlChannel on(String name, Command command) {
        commands.put(name, command);
        return this;
    }

    /** Sends one reply line. */
    public static void reply(String keyword, Object value) {
        String line = REPLY_PREFIX + keyword + " " + JSON.writeValueAsString(value);
        synchronized (OUT) {
            OUT.println(line);
            OUT.flush();
        }
    }

    /** Serves commands until stdin ends, then runs {@code onEnd} and exits the process. */
    public void serve(Runnable onEnd) throws IOException {
        try {
            serveUntilStdinEnds();
        }
        finally {
            onEnd.run();
            System.exit(0);
        }
    }

    private void serveUntilStdinEnds() throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            String[] words = line.trim().split(" ");
            Command command = commands.get(words[0]);
            if (command == null) {
                reply("error", Map.of("command", words[0], "message", "unknown command"));
                continue;
            }
            try {
                reply(words[0], command.run(Arrays.copyOfRange(words, 1, words.length)));
            }
            catch (Exception ex) {
                reply("error", Map.of("command", words[0], "message", String.valueOf(ex)));
            }
        }
    }

    private static Map<String, Long> heapAfterCollection() {
        System.gc();
        System.gc();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return Map.of("heap_used", heap.getUsed(), "heap_committed", heap.getCommitted());
    }
}
