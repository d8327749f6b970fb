package dev.iii.spring.docs;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import dev.iii.sdk.CallOptions;
import dev.iii.sdk.EnqueueReceipt;
import dev.iii.spring.client.FunctionCall;
import dev.iii.spring.client.IIIClient;
import dev.iii.spring.client.IIITemplate;

/** The code of docs/spring-boot.md beyond the ShippingService example, compiled. */
@SuppressWarnings("unused")
class SpringGuideExamples {

    record CreateOrder(String sku, int quantity) {}

    record OrderCreated(String orderId) {}

    record AuditEvent(String what) {}

    record Charge(String orderId, long amountCents) {}

    void template(IIITemplate iii, CreateOrder request, AuditEvent event, Charge charge) {
        // docs:start
        OrderCreated created = iii.call("orders::create", request, OrderCreated.class).join();
        iii.call("orders::create", request, OrderCreated.class, CallOptions.defaults().withTimeout(Duration.ofSeconds(5)));
        iii.callVoid("audit::log", event);
        EnqueueReceipt receipt = iii.enqueue("payments", "payments::charge", charge).join();
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
