package dev.iii.sdk;

/** Where a worker's connection to the engine stands. */
public enum ConnectionState {
    /** Not started, or shut down. */
    DISCONNECTED,
    /** First connection attempt under way. */
    CONNECTING,
    /** Socket open, registrations replayed and confirmed by the engine. */
    CONNECTED,
    /** The connection was lost; retrying with backoff. */
    RECONNECTING,
    /** Gave up for good: the engine refused the worker, or the retry budget ran out. */
    FAILED
}
