package dev.iii.protocol;

/**
 * {@code reattach} (worker to engine): the first frame of a reconnect, retiring the previous connection
 * so the replay lands on a clean slate. Never acknowledged.
 *
 * @param previousWorkerId worker id from the previous connection's {@link WorkerRegistered}
 * @param reattachToken    token from that same frame, optional
 */
public record Reattach(String previousWorkerId, String reattachToken) implements Message {
    public Reattach {
        Fields.requiredText(previousWorkerId, "previous_worker_id");
    }
}
