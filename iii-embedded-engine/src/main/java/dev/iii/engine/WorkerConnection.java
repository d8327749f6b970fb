package dev.iii.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;

import dev.iii.protocol.Message;
import dev.iii.protocol.MessageCodec;

/**
 * One worker socket as the engine sees it. Mutable members are guarded by the engine lock
 * ({@link EngineCore#lock}); the identity members and the sender are safe to use from any thread.
 */
final class WorkerConnection {

    final UUID id = UUID.randomUUID();
    final String reattachToken = UUID.randomUUID().toString();
    final long connectedAtMs = System.currentTimeMillis();
    final String ipAddress;
    final FrameSender sender;
    private final MessageCodec codec;

    // guarded by the engine lock
    WorkerMetadata metadata;
    /** {@code null} while the namespace is not known yet (registrations are buffered meanwhile). */
    String namespace;
    final List<Message> bufferedRegistrations = new ArrayList<>();
    ScheduledFuture<?> namespaceGraceTimer;
    final Set<String> functionIds = new LinkedHashSet<>();
    /** Invocations in flight to or from this connection. */
    final Set<UUID> invocations = new HashSet<>();
    boolean cleanupStarted;
    /** Set when a reattaching successor retired this connection: its later frames are ignored. */
    volatile boolean retired;

    WorkerConnection(FrameSender sender, String ipAddress, MessageCodec codec) {
        this.sender = sender;
        this.ipAddress = ipAddress;
        this.codec = codec;
    }

    /** Encodes on this thread and hands the frame to the connection's writer. */
    void send(Message message) {
        sender.send(codec.encode(message));
    }

    /** The namespace registrations land in; {@code default} until one was declared. */
    String effectiveNamespace() {
        return namespace != null ? namespace : Namespaces.DEFAULT;
    }

    String name() {
        return metadata != null ? metadata.name() : null;
    }

    @Override
    public String toString() {
        return "worker " + id + (name() != null ? " (" + name() + ")" : "");
    }
}
