package dev.iii.spring.docs;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.iii.sdk.CallOptions;
import dev.iii.sdk.EnqueueReceipt;
import dev.iii.spring.client.FunctionCall;
import dev.iii.spring.client.IIIClient;
import dev.iii.spring.client.IIITemplate;
import org.springframework.core.ParameterizedTypeReference;

/** The code of docs/spring-boot.md beyond the ShippingService example, compiled. */
@SuppressWarnings("unused")
class SpringGuideExamples {

    record CreateOrder(String sku, int quantity) {}

    record OrderCreated(String orderId) {}

    record AuditEvent(String what) {}

    record Charge(String orderId, long amountCents) {}

    record OrderQuery(String status) {}

    void template(IIITemplate iii, CreateOrder request, AuditEvent event, Charge charge, OrderQuery query) {
        // docs:start
        OrderCreated created = iii.function("orders::create").payload(request).retrieve(OrderCreated.class);

        OrderCreated soon = iii.function("orders::create").payload(request)
                .timeout(Duration.ofSeconds(5))
                .metadata(Map.of("tenant", "acme"))
                .retrieve(OrderCreated.class);

        List<OrderCreated> open = iii.function("orders::list").payload(query)
                .retrieve(new ParameterizedTypeReference<List<OrderCreated>>() {});

        CompletableFuture<OrderCreated> later = iii.function("orders::create").payload(request)
                .retrieveAsync(OrderCreated.class);

        iii.function("audit::log").payload(event).callVoid();

        EnqueueReceipt receipt = iii.function("payments::charge").payload(charge).enqueue("payments");
        // docs:end
    }

    // docs:start
    @IIIClient(timeout = "5s")
    interface Orders {
        @FunctionCall("orders::create")
        OrderCreated create(CreateOrder request);                 // blocks for the result

        @FunctionCall("orders::create")
        CompletableFuture<OrderCreated> createAsync(CreateOrder request, CallOptions options);

        @FunctionCall(value = "audit::log", fireAndForget = true)
        void log(AuditEvent event);

        @FunctionCall(value = "payments::charge", queue = "payments")
        EnqueueReceipt charge(Charge charge);
    }
    // docs:end
}
