package dev.iii.samples.quickstart;

import java.util.List;

/**
 * Asks the inventory to hold stock for an order.
 *
 * @param orderId the order
 * @param lines   what to hold
 */
public record ReserveStock(String orderId, List<OrderLine> lines) {
}
