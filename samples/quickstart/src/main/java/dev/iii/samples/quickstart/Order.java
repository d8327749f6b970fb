package dev.iii.samples.quickstart;

import java.time.Instant;
import java.util.List;

/**
 * A placed order.
 *
 * @param id        order id
 * @param customer  who ordered
 * @param lines     what was ordered
 * @param status    {@code RESERVED} once the inventory holds its stock
 * @param createdAt when it was placed
 */
public record Order(String id, String customer, List<OrderLine> lines, String status, Instant createdAt) {
}
