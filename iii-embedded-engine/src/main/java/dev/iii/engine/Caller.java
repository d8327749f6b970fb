package dev.iii.engine;

/**
 * Who makes a call, as its target sees it: a worker connection (its calls in flight are tracked and fail when it
 * goes), one of the engine's own provider workers ({@code http} and {@code cron}, which since 0.23 are workers
 * calling like any other), or the engine itself (discovery events, queued jobs).
 *
 * @param connection the calling connection, {@code null} when the call does not come from a socket
 * @param workerId   stamped into an object payload as {@code _caller_worker_id}, {@code null} for none
 */
record Caller(WorkerConnection connection, String workerId) {

    /** The engine itself: no connection, no stamp. */
    static final Caller ENGINE = new Caller(null, null);

    static Caller of(WorkerConnection connection) {
        return new Caller(connection, connection.id.toString());
    }

    static Caller of(InProcessWorker worker) {
        return new Caller(null, worker.id());
    }
}
