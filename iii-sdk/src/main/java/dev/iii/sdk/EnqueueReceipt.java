package dev.iii.sdk;

/**
 * The engine's acknowledgement of an enqueued call: the job was accepted, not yet run.
 *
 * @param messageReceiptId id of the queued message
 */
public record EnqueueReceipt(String messageReceiptId) {
}
