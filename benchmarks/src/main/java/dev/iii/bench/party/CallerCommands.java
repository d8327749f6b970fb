package dev.iii.bench.party;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The commands every caller process answers, whatever calls it makes: {@code probe FN FILE} (call until the
 * function answers, and check that it echoes the payload), {@code start FN CONCURRENCY FILE}, {@code mark} and
 * {@code stop} (see {@link ClosedLoop}). The Node callers answer the same commands.
 */
final class CallerCommands {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

    private final EchoCalls calls;
    private ClosedLoop load;

    private CallerCommands(EchoCalls calls) {
        this.calls = calls;
    }

    /** Adds the caller commands to {@code channel}. */
    static ControlChannel install(ControlChannel channel, EchoCalls calls) {
        CallerCommands commands = new CallerCommands(calls);
        return channel.on("probe", args -> commands.probe(args[0], read(args[1])))
                .on("start", args -> commands.start(args[0], Integer.parseInt(args[1]), read(args[2])))
                .on("mark", args -> commands.mark())
                .on("stop", args -> commands.stop());
    }

    private Map<String, Object> probe(String functionId, String payload) throws Exception {
        JsonNode expected = JSON.readTree(payload);
        long deadline = System.nanoTime() + PROBE_TIMEOUT.toNanos();
        int attempts = 0;
        while (true) {
            attempts++;
            try {
                JsonNode result = calls.callOnce(functionId, payload).get(PROBE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                if (result instanceof ObjectNode object) {
                    object.remove("_caller_worker_id");
                }
                if (!expected.equals(result)) {
                    throw new IllegalStateException(functionId + " did not echo the payload");
                }
                return Map.of("attempts", attempts);
            }
            catch (ExecutionException ex) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(functionId + " did not answer within " + PROBE_TIMEOUT.toSeconds()
                            + " s: " + ex.getCause(), ex);
                }
                Thread.sleep(50);
            }
        }
    }

    private Map<String, Object> start(String functionId, int concurrency, String payload) {
        if (load != null) {
            throw new IllegalStateException("a load is running");
        }
        load = ClosedLoop.start(calls.calls(functionId, payload), concurrency);
        return Map.of();
    }

    private Map<String, Object> mark() {
        running().mark();
        return Map.of();
    }

    private Map<String, Object> stop() throws InterruptedException {
        ClosedLoop stopping = running();
        load = null;
        return stopping.stop(DRAIN_TIMEOUT);
    }

    private ClosedLoop running() {
        if (load == null) {
            throw new IllegalStateException("no load is running");
        }
        return load;
    }

    private static String read(String file) throws IOException {
        return Files.readString(Path.of(file));
    }
}
