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
import dev.iii.spring.annotation.CronTrigger;
import dev.iii.spring.annotation.HttpTrigger;
import dev.iii.spring.annotation.IIIFunction;
import dev.iii.spring.annotation.IIIMetadata;
import dev.iii.spring.annotation.IIITrigger;
import dev.iii.spring.annotation.QueueTrigger;
import dev.iii.spring.annotation.StateTrigger;
import dev.iii.spring.annotation.StreamTrigger;
import dev.iii.spring.annotation.SubscribeTrigger;
import tools.jackson.databind.JsonNode;

/** The code of docs/trigger-types.md, compiled. */
class TriggerTypeExamples {

    record Customer(String name, String email) {}

    record OrderPlaced(String orderId, String customer) {}

    record Payment(String orderId, long amountCents) {}

    // docs:start
    @IIIFunction("customers::update")
    @HttpTrigger(path = "/customers/:id", method = "PUT")
    HttpTriggerResponse update(HttpTriggerRequest<Customer> request) {
        String id = request.pathParam("id");
        return HttpTriggerResponse.ok(Map.of("id", id, "name", request.body().name()));
    }
    // docs:end

    // docs:start
    @IIIFunction("reports::nightly")
    @CronTrigger(expression = "0 30 2 * * *", metadata = "report=sales")
    void nightly(CronTick tick, @IIIMetadata Map<String, String> metadata) {
        // tick.scheduledTime() is 02:30:00 UTC; metadata.get("report") is "sales"
    }
    // docs:end

    // docs:start
    @IIIFunction("billing::on-payment")
    @QueueTrigger("payments")
    void onPayment(Payment payment) {
        // throwing makes the queue retry the message, then move it to its dead-letter queue
    }

    @IIIFunction("billing::on-refund")
    @IIITrigger(type = "durable:subscriber", configJson = """
            {"topic": "refunds", "queue_config": {"max_retries": 5, "concurrency": 4}}""")
    void onRefund(Payment refund) {
    }

    @IIIFunction("mail::on-order")
    @SubscribeTrigger("orders.placed")
    void onOrderPlaced(OrderPlaced event) {
    }
    // docs:end

    // docs:start
    @IIIFunction("carts::audit")
    @StateTrigger(scope = "carts")
    void cartChanged(StateChange change) {
        // change.eventType() is state:created, state:updated or state:deleted
    }

    @IIIFunction("chat::moderate")
    @StreamTrigger("chat")
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
