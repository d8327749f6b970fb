package dev.iii.sdk.internal.channel;

import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * Closes the sockets of one channel end on the worker's I/O threads: the caller may be the container's thread or
 * the application's, and neither waits for a close handshake.
 */
final class SessionCloser {

    private static final Logger log = LoggerFactory.getLogger(SessionCloser.class);

    private final Executor io;
    private final String channelId;

    SessionCloser(Executor io, String channelId) {
        this.io = io;
        this.channelId = channelId;
    }

    /** Starts closing {@code session} with {@code status}; a failure is only logged, at DEBUG. */
    void close(WebSocketSession session, CloseStatus status) {
        try {
            io.execute(() -> {
                try {
                    session.close(status);
                }
                catch (IOException | RuntimeException ex) {
                    log.debug("channel {}: close failed: {}", channelId, ex.toString());
                }
            });
        }
        catch (RejectedExecutionException ex) {
            log.debug("channel {}: not closed, the worker's I/O threads are stopped", channelId);
        }
    }
}
