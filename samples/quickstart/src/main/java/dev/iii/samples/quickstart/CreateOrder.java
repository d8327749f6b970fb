package dev.iii.samples.quickstart;

import java.util.List;

/**
 * A request to place an order.
 *
 * @param customer who orders
 * @param lines    what they order
 */
public record CreateOrder(String customer, List<OrderLine> lines) {
}
