package dev.iii.engine;

import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a socket off the calling thread: Tomcat writes the Close frame blocking (bounded by
 * {@link WorkerSocketEndpoint#CLOSE_FRAME_TIMEOUT_MS}), and a Tomcat thread must never wait for a peer. Once the
 * executor is stopped (the engine is shutting down), the close runs on the calling thread instead.
 */
final class SessionCloser {

    private static final Logger log = LoggerFactory.getLogger(SessionCloser.class);

    private final Session session;
    private final Executor executor;

    SessionCloser(Session session, Executor executor) {
        this.session = session;
        this.executor = executor;
    }

    void close(CloseReason reason) {
        try {
            executor.execute(() -> closeHere(reason));
        }
        catch (RejectedExecutionException ex) {
            closeHere(reason);
        }
    }

    private void closeHere(CloseReason reason) {
        try {
            if (session.isOpen()) {
                session.close(reason);
            }
        }
        catch (IOException | RuntimeException ex) {
            log.debug("close failed on session {}: {}", session.getId(), ex.toString());
        }
    }
}
