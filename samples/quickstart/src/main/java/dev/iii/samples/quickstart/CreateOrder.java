package dev.iii.samples.quickstart;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

/**
 * A request to place an order.
 *
 * @param customer who orders
 * @param lines    what they order
 */
public record CreateOrder(@NotBlank String customer, @NotEmpty List<@Valid OrderLine> lines) {
}
