package dev.iii.sdk.internal.session;

import java.util.concurrent.CompletableFuture;

import dev.iii.sdk.internal.transport.EngineLink;

/**
 * One link's handshake: the worker counts as connected once the engine answered its metadata call and the
 * JSON {@code pong} that follows the replay (the engine reads a connection's frames in order, so the pong
 * means every registration before it has been applied).
 */
final class Handshake {

    final EngineLink link;
    private final CompletableFuture<Void> metadataAnswered = new CompletableFuture<>();
    private final CompletableFuture<Void> pong = new CompletableFuture<>();
    private final CompletableFuture<Void> done = CompletableFuture.allOf(metadataAnswered, pong);

    Handshake(EngineLink link) {
        this.link = link;
    }

    void metadataAnswered() {
        metadataAnswered.complete(null);
    }

    void pong() {
        pong.complete(null);
    }

    /** Completes once both answers are in. */
    CompletableFuture<Void> done() {
        return done;
    }
}
