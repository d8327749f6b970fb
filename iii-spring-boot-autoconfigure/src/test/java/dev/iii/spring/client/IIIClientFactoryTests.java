package dev.iii.spring.client;

import java.util.concurrent.CompletableFuture;

import dev.iii.sdk.CallOptions;
import dev.iii.sdk.EnqueueReceipt;
import dev.iii.sdk.IIIWorker;
import dev.iii.sdk.WorkerOptions;
import dev.iii.spring.observation.IIIObservationDocumentation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IIIClientFactoryTests {

    private final IIIWorker worker = IIIWorker.create(WorkerOptions.builder().url("ws://127.0.0.1:9").name("t").build());
    private final IIIClientFactory factory = new IIIClientFactory(
            new IIITemplate(worker, ObservationRegistry.NOOP, IIIObservationDocumentation.DefaultConventions.CALL),
            new MockEnvironment().withProperty("orders.prefix", "shop"));

    @AfterEach
    void shutdown() {
        worker.shutdown(java.time.Duration.ofMillis(100));
    }

    record Order(String sku) {
    }

    @IIIClient(timeout = "2s")
    interface Orders {
        @FunctionCall("${orders.prefix}::create")
        Order create(Order order);

        @FunctionCall("${orders.prefix}::create")
        CompletableFuture<Order> createAsync(Order order, CallOptions options);

        @FunctionCall(value = "audit::log", fireAndForget = true)
        void log(String event);

        @FunctionCall(value = "payments::charge", queue = "payments")
        CompletableFuture<EnqueueReceipt> charge(Order order);

        @FunctionCall("orders::count")
        long count();

        default String describe() {
            return "orders client";
        }
    }

    interface Unannotated {
        String call(String value);
    }

    interface TwoPayloads {
        @FunctionCall("x::y")
        String call(String a, String b);
    }

    interface FireAndForgetWithResult {
        @FunctionCall(value = "x::y", fireAndForget = true)
        String call(String a);
    }

    interface EnqueueWithoutReceipt {
        @FunctionCall(value = "x::y", queue = "q")
        String call(String a);
    }

    interface BadTimeout {
        @FunctionCall(value = "x::y", timeout = "soon")
        String call(String a);
    }

    @Test
    void implementsAValidInterface() {
        Orders orders = factory.createClient(Orders.class);
        assertThat(orders.describe()).isEqualTo("orders client");
        assertThat(orders.toString()).contains(Orders.class.getName());
        assertThat(orders).isEqualTo(orders);
        orders.log("login");
        assertThat(worker.statistics().pendingCalls()).isZero();
        CompletableFuture<Order> pending = orders.createAsync(new Order("A1"), CallOptions.defaults());
        assertThat(pending).isNotDone();
        assertThat(worker.statistics().pendingCalls()).isEqualTo(1);
    }

    @Test
    void refusesInterfacesItCannotImplementNamingTheMethod() {
        assertThatThrownBy(() -> factory.createClient(Unannotated.class)).hasMessageContaining("Unannotated.call")
                .hasMessageContaining("no @FunctionCall");
        assertThatThrownBy(() -> factory.createClient(TwoPayloads.class)).hasMessageContaining("TwoPayloads.call")
                .hasMessageContaining("more than one payload parameter");
        assertThatThrownBy(() -> factory.createClient(FireAndForgetWithResult.class))
                .hasMessageContaining("must return void");
        assertThatThrownBy(() -> factory.createClient(EnqueueWithoutReceipt.class))
                .hasMessageContaining("EnqueueReceipt");
        assertThatThrownBy(() -> factory.createClient(BadTimeout.class)).hasMessageContaining("'soon'");
        assertThatThrownBy(() -> factory.createClient(String.class)).hasMessageContaining("not an interface");
    }
}
