package dev.iii.spring.docs;

import java.util.UUID;

import dev.iii.sdk.InvocationException;
import dev.iii.spring.annotation.IIIFunction;
import org.springframework.stereotype.Service;

/** The README's example, compiled. */
final class ReadmeExample {

    private ReadmeExample() {
    }

// docs:start
@Service
class Orders {
    record CreateOrder(String sku, int quantity) {}
    record OrderCreated(String orderId, String sku, int quantity) {}

    @IIIFunction(id = "orders::create", description = "Create an order")
    OrderCreated create(CreateOrder order) {
        if (order.quantity() <= 0) {
            throw new InvocationException("invalid_quantity", "quantity must be positive");
        }
        return new OrderCreated(UUID.randomUUID().toString(), order.sku(), order.quantity());
    }
}
// docs:end
}
