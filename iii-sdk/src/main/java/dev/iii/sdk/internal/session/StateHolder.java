package dev.iii.sdk.internal.session;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

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

    /** Waits until connected; {@code false} when the time ran out or the worker failed first. */
    boolean awaitConnected(Duration timeout, Function<ConnectionStateListener, Runnable> subscribe)
            throws InterruptedException {
        CountDownLatch settled = new CountDownLatch(1);
        Runnable remove = subscribe.apply((now, cause) -> {
            if (now == ConnectionState.CONNECTED || now == ConnectionState.FAILED) {
                settled.countDown();
            }
        });
        try {
            return settled.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && state == ConnectionState.CONNECTED;
        }
        finally {
            remove.run();
        }
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
