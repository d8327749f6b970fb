package dev.iii.sdk;

/**
 * What a worker is doing right now, read live on every call ({@code worker.statistics()}): what the Spring Boot
 * starter's health and metrics report, and what an application without it can watch the same way.
 */
public interface WorkerStatistics {

    /** How many times the worker connected again after losing a connection. */
    long reconnectCount();

    /** Invocations accepted and not yet answered (running or waiting for a free slot). */
    int inFlightInvocations();

    /** Handlers still running after their deadline or the shutdown grace period; each holds a slot. */
    int overdueInvocations();

    /** Calls sent (or waiting for a connection) and not yet answered. */
    int pendingCalls();

    /** Bytes waiting to be written to the engine's socket; a full send queue refuses frames. */
    long sendQueueBytes();

    /** Frames refused so far because the send queue was full ({@link ErrorCode#SEND_QUEUE_FULL}). */
    long refusedFrames();
}
