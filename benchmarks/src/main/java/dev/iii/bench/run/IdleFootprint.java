package dev.iii.bench.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.iii.bench.process.ChildProcess;
import dev.iii.bench.process.ProcFs;
import tools.jackson.databind.JsonNode;

/**
 * Memory of each worker process at idle, connected and registered, before any load: the heap after a full
 * collection as the runtime reports it ({@code MemoryMXBean} in Java, {@code process.memoryUsage()} after
 * {@code gc()} in Node), and the resident set size from {@code /proc} right after that collection.
 */
public final class IdleFootprint {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** One worker's footprint, in bytes. */
    public record Result(WorkerKind worker, long heapUsed, long heapCommitted, long resident) {
    }

    private IdleFootprint() {
    }

    public static List<Result> measure(Map<WorkerKind, ChildProcess> workers, ProcFs proc) {
        List<Result> results = new ArrayList<>();
        workers.forEach((kind, process) -> {
            JsonNode heap = process.request("stats", TIMEOUT);
            results.add(new Result(kind, heap.path("heap_used").asLong(), heap.path("heap_committed").asLong(),
                    proc.residentBytes(process.pid())));
        });
        return results;
    }
}
