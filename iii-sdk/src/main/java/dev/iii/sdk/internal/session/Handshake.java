package dev.iii.sdk.internal.session;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.iii.protocol.Ping;
import dev.iii.protocol.RawJson;
import dev.iii.protocol.Reattach;
import dev.iii.sdk.internal.transport.ConnectionListener;
import dev.iii.sdk.internal.transport.EngineLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One link's handshake (§4.2, §4.6): {@code reattach} when there was a connection before, the metadata call,
 * the replay of every registration (by the {@link ConnectionListener}s), then a JSON ping. The worker counts
 * as connected once the engine answered the metadata call and the ping: the engine reads a connection's
 * frames in order, so the pong means every registration before it has been applied.
 */
final class Handshake {

    private static final Logger log = LoggerFactory.getLogger(Handshake.class);

    final EngineLink link;
    private final CompletableFuture<Void> metadataAnswered = new CompletableFuture<>();
    private final CompletableFuture<Void> pong = new CompletableFuture<>();
    private final CompletableFuture<Void> done = CompletableFuture.allOf(metadataAnswered, pong);

    Handshake(EngineLink link) {
        this.link = link;
    }

    /** Sends the handshake; {@link #done()} completes when the engine has answered it. */
    void send(Reattach reattach, EngineSession.MetadataCall metadataCall, RawJson metadata, Duration timeout,
            List<ConnectionListener> listeners, Redaction redaction) {
        if (reattach != null) {
            link.send(reattach);
        }
        metadataCall.send(link, WorkerMetadata.REGISTER_WORKER, metadata, timeout).whenComplete((result, error) -> {
            if (error != null && link.isOpen()) {
                log.warn("The iii engine did not accept this worker's metadata ({}); its registrations apply in "
                        + "namespace default once the engine's grace period ends",
                        redaction.clean(ConnectFailures.rootMessage(error)));
            }
            metadataAnswered.complete(null);
        });
        listeners.forEach(listener -> listener.attached(link));
        link.send(new Ping());
    }

    void pong() {
        pong.complete(null);
    }

    /** Completes once both answers are in. */
    CompletableFuture<Void> done() {
        return done;
    }
}
