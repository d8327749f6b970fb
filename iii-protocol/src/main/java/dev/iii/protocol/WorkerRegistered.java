package dev.iii.protocol;

/**
 * {@code workerregistered} (engine to worker): the first frame on every connection.
 *
 * @param workerId      the engine's id for this connection
 * @param reattachToken secret that lets the next connection retire this one; absent from 0.22 engines
 */
public record WorkerRegistered(String workerId, String reattachToken) implements Message {
    public WorkerRegistered {
        Fields.required(workerId, "worker_id");
    }
}
