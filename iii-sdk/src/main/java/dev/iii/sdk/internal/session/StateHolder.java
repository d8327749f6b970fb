package dev.iii.sdk.internal.session;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import dev.iii.sdk.ConnectionState;
import dev.iii.sdk.ConnectionStateListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection state and its listeners. Listeners hear every change, in order, on the events thread; a
 * new listener first hears the state of the moment. Changes are made under the session's lock.
 */
final class StateHolder {

    private static final Logger log = LoggerFactory.getLogger(StateHolder.class);

    private final Executor events;
    private final List<ConnectionStateListener> listeners = new CopyOnWriteArrayList<>();
    private volatile ConnectionState state = ConnectionState.DISCONNECTED;

    StateHolder(Executor events) {
        this.events = events;
    }

    ConnectionState get() {
        return state;
    }

    /** Moves to {@code next}; {@code false} when already there. */
    boolean set(ConnectionState next, Throwable cause) {
        if (state == next) {
            return false;
        }
        state = next;
        log.debug("connection state {}", next);
        for (ConnectionStateListener listener : listeners) {
            tell(listener, next, cause);
        }
        return true;
    }

    Runnable add(ConnectionStateListener listener) {
        listeners.add(listener);
        tell(listener, state, null);
        return () -> listeners.remove(listener);
    }

    private void tell(ConnectionStateListener listener, ConnectionState now, Throwable cause) {
        try {
            events.execute(() -> {
                try {
                    listener.stateChanged(now, cause);
                }
                catch (RuntimeException ex) {
                    log.warn("Connection state listener failed", ex);
                }
            });
        }
        catch (RejectedExecutionException ex) {
            log.debug("state {} not told to a listener: the worker is shut down", now);
        }
    }
}
