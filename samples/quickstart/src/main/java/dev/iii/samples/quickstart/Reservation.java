package dev.iii.samples.quickstart;

/**
 * The inventory's answer to {@link ReserveStock}.
 *
 * @param orderId  the order
 * @param units    units now held for it
 */
public record Reservation(String orderId, int units) {
}
