package dev.iii.engine;

import java.util.concurrent.CompletableFuture;

import dev.iii.protocol.ErrorBody;
import dev.iii.protocol.InvocationResult;
import dev.iii.protocol.InvokeFunction;
import dev.iii.protocol.RegisterTrigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.iii.engine.TestWorker.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bindings fired on demand reach their function as the provider's fire would, and report its outcome. */
class OnDemandTriggersTest {

    private EmbeddedEngine engine;

    @BeforeEach
    void start() {
        engine = EngineTestSupport.start();
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    /** Binds, then makes one call on the same connection: the engine has read the binding once it answers. */
    private static void bind(TestWorker worker, RegisterTrigger binding) {
        worker.send(binding);
        worker.callOk("engine::functions::list", object());
    }

    @Test
    void aCronBindingFiresNowWithATickAndItsMetadata() {
        try (TestWorker worker = TestWorker.registered(engine, "reports")) {
            worker.registerFunction("reports::yearly");
            bind(worker, new RegisterTrigger("job-y", "cron", "reports::yearly",
                    object().put("expression", "0 0 0 1 1 *"), object().put("report", "sales"), null, null));

            CompletableFuture<TriggerFireResult> fired = engine.fireCron("reports::yearly");
            InvokeFunction tick = worker.await(InvokeFunction.class, c -> c.functionId().equals("reports::yearly"));
            assertThat(tick.data().tree().get("trigger").asString()).isEqualTo("cron");
            assertThat(tick.data().tree().get("job_id").asString()).isEqualTo("job-y");
            assertThat(tick.data().tree().get("scheduled_time").asString()).endsWith("+00:00");
            // As the cron worker's own fires: its id is the caller.
            assertThat(tick.callerWorkerId()).isEqualTo(worker.workerIdNamed("cron"));
            assertThat(tick.metadata().get("report").asString()).isEqualTo("sales");
            worker.reply(tick, object().put("rows", 3));
            TriggerFireResult result = fired.join();
            assertThat(result.failed()).isFalse();
            assertThat(result.result().get("rows").asInt()).isEqualTo(3);
        }
    }

    @Test
    void aBindingOfATypeNobodyProvidesFiresWithTheGivenPayloadAndReportsTheError() {
        try (TestWorker worker = TestWorker.registered(engine, "billing")) {
            worker.registerFunction("billing::on-payment");
            bind(worker, new RegisterTrigger("sub-1", "durable:subscriber", "billing::on-payment",
                    object().put("topic", "payments"), null, null, null));

            CompletableFuture<TriggerFireResult> fired = engine.fireTrigger("durable:subscriber", "billing::on-payment", object().put("amount", 12));
            InvokeFunction message = worker.await(InvokeFunction.class, c -> c.functionId().equals("billing::on-payment"));
            assertThat(message.data().tree()).isEqualTo(object().put("amount", 12));
            assertThat(message.callerWorkerId()).isNull();
            worker.send(InvocationResult.failure(message.invocationId(), message.functionId(),
                    new ErrorBody("declined", "card declined")));
            TriggerFireResult result = fired.join();
            assertThat(result.failed()).isTrue();
            assertThat(result.errorCode()).isEqualTo("declined");
            assertThat(result.errorMessage()).isEqualTo("card declined");
        }
    }

    @Test
    void firingWhatIsNotBoundSaysSo() {
        assertThatThrownBy(() -> engine.fireCron("nobody::home")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No cron trigger is bound to nobody::home");
    }
}
