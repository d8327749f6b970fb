package dev.iii.samples.quickstart;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;

/**
 * One line of an order.
 *
 * @param sku      stock-keeping unit
 * @param quantity units ordered
 */
public record OrderLine(@NotBlank String sku, @Positive int quantity) {
}
