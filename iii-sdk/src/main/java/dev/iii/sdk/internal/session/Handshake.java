package dev.iii.sdk.internal.session;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import dev.iii.protocol.Ping;
import dev.iii.protocol.RawJson;
import dev.iii.protocol.Reattach;
import dev.iii.sdk.internal.transport.ConnectionListener;
import dev.iii.sdk.internal.transport.EngineLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One link's handshake (§4.2, §4.6): {@code reattach} when there was a connection before, the metadata call,
 * the replay of trigger types and functions (by the {@link ConnectionListener}s) and a JSON ping; once it is
 * answered, the bindings and a second ping. The engine reads a connection's frames in order, so the first pong
 * means it applied the functions and has already said which it refused, whose bindings are then kept back (a
 * binding of a function another worker owns would fire that worker's function); the second means every
 * registration has been applied, and with the metadata call answered the worker counts as connected.
 */
final class Handshake {

    private static final Logger log = LoggerFactory.getLogger(Handshake.class);

    final EngineLink link;
    private final CompletableFuture<Void> metadataAnswered = new CompletableFuture<>();
    private final CompletableFuture<Void> bindingsApplied = new CompletableFuture<>();
    private final CompletableFuture<Void> done = CompletableFuture.allOf(metadataAnswered, bindingsApplied);
    private final AtomicInteger pongs = new AtomicInteger();
    private volatile List<ConnectionListener> listeners = List.of();

    Handshake(EngineLink link) {
        this.link = link;
    }

    /** Sends the handshake; {@link #done()} completes when the engine has answered it. */
    void send(Reattach reattach, MetadataCall metadataCall, RawJson metadata, Duration timeout,
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
        this.listeners = listeners;
        listeners.forEach(listener -> listener.attached(link));
        link.send(new Ping());
    }

    /** Pongs come only in answer to the handshake's pings, in order. */
    void pong() {
        int answered = pongs.incrementAndGet();
        if (answered == 1) {
            listeners.forEach(listener -> listener.functionsApplied(link));
            link.send(new Ping());
        }
        else if (answered == 2) {
            bindingsApplied.complete(null);
        }
    }

    /** Completes once both answers are in. */
    CompletableFuture<Void> done() {
        return done;
    }
}
