package dev.iii.sdk;

import tools.jackson.databind.JsonNode;

/**
 * The engine's acknowledgement of an enqueued call: the job was accepted, not yet run.
 *
 * @param messageReceiptId id of the queued message
 */
public record EnqueueReceipt(String messageReceiptId) {

    /** Reads the engine's {@code {"messageReceiptId": ...}} answer to an enqueued call. */
    static EnqueueReceipt from(JsonNode receipt, String functionId) {
        JsonNode id = receipt == null ? null : receipt.get("messageReceiptId");
        if (id == null || !id.isString()) {
            throw new InvocationException(ErrorCode.INVALID_RESPONSE, "The engine's enqueue receipt has no "
                    + "messageReceiptId", functionId, null, null);
        }
        return new EnqueueReceipt(id.asString());
    }
}
