package dev.iii.engine;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.iii.protocol.RawJson;

/**
 * Named in-memory queues behind the {@code enqueue} action. The real engine hands enqueued calls to a
 * separately installed queue worker; here each named queue runs its jobs one at a time, in order, in this
 * process. Jobs are lost when the engine stops, and a failed job is logged, not retried.
 */
final class InMemoryQueues {

    private static final Logger log = LoggerFactory.getLogger(InMemoryQueues.class);

    private record Job(String receipt, String namespace, String functionId, RawJson data, String traceparent,
            String baggage) {
    }

    private final InvocationRouter invocations;
    private final Map<String, Queue<Job>> queues = new HashMap<>();
    private final Map<String, Boolean> running = new HashMap<>();

    InMemoryQueues(InvocationRouter invocations) {
        this.invocations = invocations;
    }

    /** Queues a call and returns its receipt id; the function runs later. */
    String enqueue(String queue, String namespace, String functionId, RawJson data, String traceparent,
            String baggage) {
        String receipt = UUID.randomUUID().toString();
        Job job = new Job(receipt, namespace, functionId, data, traceparent, baggage);
        boolean start;
        synchronized (this) {
            queues.computeIfAbsent(queue, name -> new ArrayDeque<>()).add(job);
            start = !running.getOrDefault(queue, false);
            if (start) {
                running.put(queue, true);
            }
        }
        log.debug("job {} for {} queued on {}", receipt, functionId, queue);
        if (start) {
            runNext(queue);
        }
        return receipt;
    }

    private void runNext(String queue) {
        Job job;
        synchronized (this) {
            job = queues.get(queue).poll();
            if (job == null) {
                running.put(queue, false);
                return;
            }
        }
        invocations.invoke(Caller.ENGINE, job.namespace(), job.functionId(), job.data(), null, null,
                job.traceparent(), job.baggage()).whenComplete((outcome, failure) -> {
                    if (outcome != null && outcome.failed()) {
                        log.warn("queued job {} for {} on queue {} failed: {}", job.receipt(), job.functionId(), queue,
                                outcome.error().code());
                    }
                    runNext(queue);
                });
    }
}
