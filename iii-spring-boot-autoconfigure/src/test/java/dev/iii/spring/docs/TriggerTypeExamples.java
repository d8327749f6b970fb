package dev.iii.spring.docs;

import java.util.Map;

import dev.iii.sdk.IIIWorker;
import dev.iii.sdk.builtin.CronTick;
import dev.iii.sdk.builtin.HttpTriggerRequest;
import dev.iii.sdk.builtin.HttpTriggerResponse;
import dev.iii.sdk.builtin.StateChange;
import dev.iii.sdk.builtin.StreamChange;
import dev.iii.sdk.trigger.TriggerBinding;
import dev.iii.sdk.trigger.TriggerProvider;
import dev.iii.sdk.trigger.TriggerTypeDefinition;
import dev.iii.sdk.trigger.TriggerTypeRegistration;
import dev.iii.spring.annotation.IIIFunction;
import dev.iii.spring.annotation.IIIMetadata;
import dev.iii.spring.annotation.IIITrigger;
import tools.jackson.databind.JsonNode;

/** The code of docs/trigger-types.md, compiled. */
class TriggerTypeExamples {

    record Customer(String name, String email) {}

    record OrderPlaced(String orderId, String customer) {}

    record Payment(String orderId, long amountCents) {}

    // docs:start
    @IIIFunction(id = "customers::update")
    @IIITrigger(type = "http", config = {"api_path=/customers/:id", "http_method=PUT"})
    HttpTriggerResponse update(HttpTriggerRequest<Customer> request) {
        String id = request.pathParam("id");
        return HttpTriggerResponse.ok(Map.of("id", id, "name", request.body().name()));
    }
    // docs:end

    // docs:start
    @IIIFunction(id = "reports::nightly")
    @IIITrigger(type = "cron", config = "expression=0 30 2 * * *", metadata = "report=sales")
    void nightly(CronTick tick, @IIIMetadata Map<String, String> metadata) {
        // tick.scheduledTime() is 02:30:00 UTC; metadata.get("report") is "sales"
    }
    // docs:end

    // docs:start
    @IIIFunction(id = "billing::on-payment")
    @IIITrigger(type = "durable:subscriber", configJson = """
            {"topic": "payments", "queue_config": {"max_retries": 5, "concurrency": 4}}""")
    void onPayment(Payment payment) {
        // throwing makes the queue retry the message, then move it to its dead-letter queue
    }

    @IIIFunction(id = "mail::on-order")
    @IIITrigger(type = "subscribe", config = "topic=orders.placed")
    void onOrderPlaced(OrderPlaced event) {
    }
    // docs:end

    // docs:start
    @IIIFunction(id = "carts::audit")
    @IIITrigger(type = "state", config = {"scope=carts"})
    void cartChanged(StateChange change) {
        // change.eventType() is state:created, state:updated or state:deleted
    }

    @IIIFunction(id = "chat::moderate")
    @IIITrigger(type = "stream", config = {"stream_name=chat"})
    void messagePosted(StreamChange change) {
        JsonNode message = change.event().data();
    }
    // docs:end

    TriggerTypeRegistration provider(IIIWorker worker) {
        // docs:start
        TriggerTypeRegistration webhooks = worker.registerTriggerType(
                TriggerTypeDefinition.of("webhook::github", "GitHub webhooks"),
                new TriggerProvider() {
                    @Override
                    public void registerTrigger(TriggerBinding binding) {
                        String repo = binding.config().get("repo").asString();
                        // start listening for the repo's webhooks; throw to refuse the binding
                    }

                    @Override
                    public void unregisterTrigger(TriggerBinding binding) {
                        // stop listening
                    }
                });
        // for each webhook that arrives for a binding:
        // webhooks.fireAndForget(binding, payload);
        // docs:end
        return webhooks;
    }
}
