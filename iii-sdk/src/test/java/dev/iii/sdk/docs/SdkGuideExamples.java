package dev.iii.sdk.docs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.iii.sdk.CallOptions;
import dev.iii.sdk.EnqueueReceipt;
import dev.iii.sdk.IIIWorker;
import dev.iii.sdk.Registration;
import dev.iii.sdk.RegistrationProblem;
import dev.iii.sdk.discovery.FunctionInfo;
import dev.iii.sdk.discovery.TriggerTypeInfo;
import dev.iii.sdk.discovery.WorkerInfo;
import dev.iii.sdk.function.FunctionOptions;
import dev.iii.sdk.function.HttpInvocation;
import dev.iii.sdk.trigger.TriggerBinding;
import dev.iii.sdk.trigger.TriggerProvider;
import dev.iii.sdk.trigger.TriggerRegistration;
import dev.iii.sdk.trigger.TriggerRequest;
import dev.iii.sdk.trigger.TriggerTypeDefinition;
import dev.iii.sdk.trigger.TriggerTypeRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/** The code of docs/sdk.md, compiled; each method holds one block of the guide. */
@SuppressWarnings("unused")
class SdkGuideExamples {

    private static final Logger log = LoggerFactory.getLogger(SdkGuideExamples.class);

    record CreateOrder(String sku, int quantity) {}

    record OrderCreated(String orderId, String sku, int quantity) {}

    record Charge(String orderId, long amountCents) {}

    void registrationProblems(IIIWorker worker) {
        // docs:start
        List<RegistrationProblem> problems = worker.registrationProblems();      // empty while all is well
        worker.onRegistrationProblems(current -> alert(current));                // told on every change
        List<RegistrationProblem> now = worker.checkRegistrations().join();      // check against the engine now
        // docs:end
    }

    private static void alert(List<RegistrationProblem> problems) {
        problems.forEach(problem -> log.warn("{}", problem));
    }

    void functions(IIIWorker worker) {
        // docs:start
        // Payload as a JSON tree (tools.jackson.databind.JsonNode), exactly as received.
        worker.registerFunction("math::double", (payload, context) -> payload.get("n").asInt() * 2);

        // Payload bound to a type with the worker's mapper; generic types through TypeReference.
        worker.registerFunction("orders::create", FunctionOptions.none(), CreateOrder.class,
                (order, context) -> new OrderCreated("o-1", order.sku(), order.quantity()));
        worker.registerFunction("orders::bulk", FunctionOptions.none(), new TypeReference<List<CreateOrder>>() {},
                (orders, context) -> orders.size());
        // docs:end
    }

    void nonBlocking(IIIWorker worker) {
        // docs:start
        // Computes from its payload and returns at once: runs on the thread that reads frames.
        worker.registerFunction("math::square", FunctionOptions.builder().nonBlocking(true).build(),
                (payload, context) -> payload.get("n").asLong() * payload.get("n").asLong());

        // Needs another function's result: composes the call's future and returns it, never waits for it.
        worker.registerFunction("prices::quote", FunctionOptions.builder().nonBlocking(true).build(),
                (payload, context) -> worker.call("prices::base", payload)
                        .thenApply(base -> Map.of("price", base.get("price").asDouble() * 1.2)));
        // docs:end
    }

    void httpInvoked(IIIWorker worker) {
        // docs:start
        worker.registerHttpFunction("billing::charge", FunctionOptions.builder()
                .httpInvocation(new HttpInvocation("https://billing.example.com/charge", "POST", Duration.ofSeconds(5),
                        Map.of("x-team", "billing"), HttpInvocation.Auth.bearer("BILLING_TOKEN")))
                .build());
        // docs:end
    }

    void triggers(IIIWorker worker) {
        // docs:start
        TriggerRegistration route = worker.registerTrigger("http", "orders::create",
                Map.of("api_path", "/orders/:id", "http_method", "GET"), null);
        worker.registerTrigger("cron", "reports::daily", Map.of("expression", "0 0 6 * * *"), Map.of("tz", "UTC"));
        worker.registerTrigger(TriggerRequest.of("webhook::github", "ci::build", Map.of("repo", "acme/app"))
                .withMetadata(Map.of("team", "ci")).withTriggerNamespace("integrations"));
        // docs:end
    }

    void provider(IIIWorker worker, Object configSchema, Object payloadSchema, TriggerBinding binding) {
        // docs:start
        TriggerTypeRegistration ticks = worker.registerTriggerType(
                new TriggerTypeDefinition("ticker::every", "Fires on a fixed period", configSchema, payloadSchema),
                new TriggerProvider() {
                    public void registerTrigger(TriggerBinding binding) { /* start delivering */ }
                    public void unregisterTrigger(TriggerBinding binding) { /* stop delivering */ }
                });
        // later, for each event of a binding:
        ticks.fire(binding, Map.of("at", Instant.now().toString()));        // waits for the function's result
        ticks.fireAndForget(binding, Map.of("at", Instant.now().toString()));
        // docs:end
    }

    void calls(IIIWorker worker, Object payload, Charge charge) {
        // docs:start
        CompletableFuture<JsonNode> raw = worker.call("math::double", Map.of("n", 21));
        OrderCreated created = worker.call("orders::create", new CreateOrder("A1", 2), OrderCreated.class).join();
        worker.call("orders::create", payload, OrderCreated.class,
                CallOptions.defaults().withTimeout(Duration.ofSeconds(5)).withMetadata(Map.of("tenant", "t1")));
        worker.callVoid("audit::log", Map.of("event", "login"));                 // fire and forget
        EnqueueReceipt receipt = worker.enqueue("payments", "payments::charge", charge).join();
        // docs:end
    }

    void discovery(IIIWorker worker) {
        // docs:start
        List<WorkerInfo> workers = worker.discovery().listWorkers().join();         // engine::workers::list
        List<FunctionInfo> functions = worker.discovery().listFunctions().join();   // engine::functions::list
        List<TriggerTypeInfo> types = worker.discovery().listTriggers().join();     // engine::triggers::list
        Registration sub = worker.discovery().onWorkersAvailable(event -> log.info("{} {}", event.event(), event.workerId()));
        worker.discovery().onFunctionsAvailable(event -> refreshCache(event.functions()));
        // docs:end
    }

    private void refreshCache(List<FunctionInfo> functions) {
    }
}
