package dev.iii.samples.quickstart;

/**
 * One line of an order.
 *
 * @param sku      stock-keeping unit
 * @param quantity units ordered
 */
public record OrderLine(String sku, int quantity) {
}
