package dev.iii.sdk.example;

// docs:start
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.iii.sdk.III;
import dev.iii.sdk.IIIWorker;
import dev.iii.sdk.InvocationException;
import dev.iii.sdk.WorkerOptions;
import dev.iii.sdk.function.FunctionOptions;

public class OrdersWorker {
    record CreateOrder(String sku, int quantity) {}
    record OrderCreated(String orderId, String sku, int quantity) {}

    public static void main(String[] args) throws InterruptedException {
        IIIWorker worker = III.registerWorker(WorkerOptions.builder().name("orders").build());
        worker.registerFunction("orders::create", FunctionOptions.builder().description("Create an order").build(),
                CreateOrder.class, (order, context) -> {
                    if (order.quantity() <= 0) {
                        throw new InvocationException("invalid_quantity", "quantity must be positive");
                    }
                    return new OrderCreated(UUID.randomUUID().toString(), order.sku(), order.quantity());
                });
        worker.registerTrigger("http", "orders::create", Map.of("api_path", "/orders", "http_method", "POST"), null);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> worker.shutdown(Duration.ofSeconds(10))));
        Thread.currentThread().join();
    }
}
// docs:end
