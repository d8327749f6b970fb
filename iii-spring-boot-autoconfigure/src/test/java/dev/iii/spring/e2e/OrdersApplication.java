package dev.iii.spring.e2e;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.iii.sdk.InvocationException;
import dev.iii.sdk.function.InvocationContext;
import dev.iii.sdk.builtin.HttpTriggerRequest;
import dev.iii.sdk.builtin.HttpTriggerResponse;
import dev.iii.spring.annotation.IIIFunction;
import dev.iii.spring.annotation.IIIMetadata;
import dev.iii.spring.annotation.IIITrigger;
import dev.iii.spring.client.FunctionCall;
import dev.iii.spring.client.IIIClient;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;

/** A small application for the end-to-end tests: an orders service with functions, triggers and a client. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class OrdersApplication {

    public record Line(String sku, int quantity) {
    }

    public record CreateOrder(String customer, List<Line> lines) {
    }

    public record OrderCreated(String customer, int units, String caller) {
    }

    /** Calls the pricing worker (another process in real life) through the engine. */
    @IIIClient
    public interface Pricing {
        @FunctionCall("pricing::quote")
        JsonNode quote(Map<String, Object> request);
    }

    public static class Orders {
        /** Released by tests that hold an invocation in flight. */
        public static volatile CountDownLatch release = new CountDownLatch(0);
        public static final CountDownLatch slowStarted = new CountDownLatch(1);

        private final Pricing pricing;

        public Orders(Pricing pricing) {
            this.pricing = pricing;
        }

        @IIIFunction(id = "orders::create", description = "Create an order")
        public OrderCreated create(CreateOrder order, InvocationContext context) {
            if (order.lines().isEmpty()) {
                throw new InvocationException("empty_order", "An order needs at least one line");
            }
            return new OrderCreated(order.customer(), order.lines().stream().mapToInt(Line::quantity).sum(),
                    context.callerWorkerId());
        }

        @IIIFunction(id = "orders::create-http")
        @IIITrigger(type = "http", config = { "api_path=/orders", "http_method=POST" })
        public HttpTriggerResponse createOverHttp(HttpTriggerRequest<CreateOrder> request, InvocationContext context) {
            return HttpTriggerResponse.status(201, create(request.body(), context)).withHeader("x-order-source", "http");
        }

        @IIIFunction(id = "orders::get")
        @IIITrigger(type = "http", config = { "api_path=/orders/:id", "http_method=GET" })
        public HttpTriggerResponse get(HttpTriggerRequest<Void> request) {
            return HttpTriggerResponse.ok(Map.of("id", request.pathParam("id"), "status", "open",
                    "verbose", String.valueOf(request.queryParam("verbose"))));
        }

        @IIIFunction(id = "orders::quote")
        public JsonNode quote(Map<String, Object> request, @IIIMetadata Map<String, String> metadata) {
            return pricing.quote(Map.of("sku", request.get("sku"), "tenant", metadata == null ? "none" : metadata.get("tenant")));
        }

        @IIIFunction(id = "orders::slow")
        public String slow(String value) throws InterruptedException {
            slowStarted.countDown();
            if (!release.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
            return value + " done";
        }
    }

    @Bean
    Orders orders(Pricing pricing) {
        return new Orders(pricing);
    }
}
