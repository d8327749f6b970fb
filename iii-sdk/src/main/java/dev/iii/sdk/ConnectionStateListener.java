package dev.iii.sdk;

/**
 * Told about every change of a worker's {@link ConnectionState}, and once with the current state when it
 * is added. Listeners run one at a time, in order, on a thread of the SDK's own; keep them quick.
 */
@FunctionalInterface
public interface ConnectionStateListener {

    /**
     * @param state the new state
     * @param cause why the connection changed state, when there is a failure to report; else {@code null}
     */
    void stateChanged(ConnectionState state, Throwable cause);
}
