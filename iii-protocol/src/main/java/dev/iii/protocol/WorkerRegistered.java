package dev.iii.protocol;

import tools.jackson.databind.JsonNode;

/**
 * {@code workerregistered} (engine to worker): the first frame on every connection.
 *
 * @param workerId      the engine's id for this connection
 * @param reattachToken secret that lets the next connection retire this one; absent from 0.22 engines
 * @param features      the protocol features the engine offers (0.25+), as it sent them: their names and shape
 *                      are not published, so they are kept as JSON; absent from older engines
 */
public record WorkerRegistered(String workerId, String reattachToken, JsonNode features) implements Message {

    public WorkerRegistered {
        Fields.required(workerId, "worker_id");
    }

    /** The frame of an engine that offers no features (every engine before 0.25). */
    public WorkerRegistered(String workerId, String reattachToken) {
        this(workerId, reattachToken, null);
    }
}
