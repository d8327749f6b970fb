package dev.iii.sdk.internal.session;

import java.util.Optional;

import dev.iii.protocol.Reattach;
import dev.iii.sdk.EngineFeatures;
import dev.iii.protocol.WorkerRegistered;

/**
 * Who the engine says this worker is (§3.1, §4.6): the current connection's worker id and the features its
 * engine offered, cleared when that connection is gone, and the id and token of the last connection the engine registered, which the next
 * connection's {@code reattach} presents.
 */
final class WorkerIdentity {

    private volatile String current;
    private volatile EngineFeatures features = EngineFeatures.NONE;
    private String previousId;
    private String previousToken;

    synchronized void registered(WorkerRegistered frame) {
        current = frame.workerId();
        features = EngineFeatures.of(frame.features());
        previousId = frame.workerId();
        previousToken = frame.reattachToken();
    }

    void disconnected() {
        current = null;
        features = EngineFeatures.NONE;
    }

    EngineFeatures features() {
        return features;
    }

    Optional<String> current() {
        return Optional.ofNullable(current);
    }

    /** The first frame of a reconnect, or {@code null} before any connection was registered. */
    synchronized Reattach reattach() {
        return previousId == null ? null : new Reattach(previousId, previousToken);
    }
}
