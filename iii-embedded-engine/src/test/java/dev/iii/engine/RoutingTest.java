package dev.iii.engine;

import java.util.UUID;

import dev.iii.protocol.RawJson;
import dev.iii.protocol.InvocationResult;
import dev.iii.protocol.InvokeFunction;
import dev.iii.protocol.RegistrationRejected;
import dev.iii.protocol.TriggerAction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.iii.engine.TestWorker.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RoutingTest {

    private EmbeddedEngine engine;

    @BeforeEach
    void start() {
        engine = EngineTestSupport.start();
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void routesACallToTheOwnerAndTheResultBackToTheCallerOnly() {
        try (TestWorker target = TestWorker.registered(engine, "target");
                TestWorker caller = TestWorker.registered(engine, "caller");
                TestWorker bystander = TestWorker.registered(engine, "bystander")) {
            target.registerFunctionAndAwait("orders::create");

            UUID id = UUID.randomUUID();
            caller.send(InvokeFunction.call(id, "orders::create", RawJson.of(object().put("sku", "A1").put("_caller_worker_id", "forged")),
                    object().put("tenant", "t1"), "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", null, null,
                    null));
            InvokeFunction delivered = target.await(InvokeFunction.class, c -> c.functionId().equals("orders::create"));
            assertThat(delivered.invocationId()).isEqualTo(id);
            assertThat(delivered.data().tree().get("sku").asString()).isEqualTo("A1");
            assertThat(delivered.callerWorkerId()).isEqualTo(caller.workerId);
            assertThat(target.receivedTexts()).anyMatch(text -> text.contains("\"_caller_worker_id\":\"" + caller.workerId + "\"}"));
            assertThat(delivered.metadata().get("tenant").asString()).isEqualTo("t1");
            assertThat(delivered.action()).isNull();
            assertThat(delivered.namespace()).isNull();

            target.reply(delivered, object().put("order", 7));
            InvocationResult result = caller.await(InvocationResult.class, r -> r.invocationId().equals(id));
            assertThat(result.functionId()).isEqualTo("orders::create");
            assertThat(result.result().tree().get("order").asInt()).isEqualTo(7);
            assertThat(result.error()).isNull();
            assertThat(bystander.receivedOf(InvocationResult.class)).noneMatch(r -> r.invocationId().equals(id));
            assertThat(target.receivedOf(InvocationResult.class)).noneMatch(r -> r.invocationId().equals(id));
        }
    }

    @Test
    void nonObjectDataIsForwardedUnchanged() {
        try (TestWorker target = TestWorker.registered(engine, "target"); TestWorker caller = TestWorker.registered(engine, "c")) {
            target.registerFunctionAndAwait("echo::list");
            caller.send(InvokeFunction.call(UUID.randomUUID(), "echo::list", RawJson.of(TestWorker.JSON.createArrayNode().add(1)), null,
                    null, null, null, null));
            InvokeFunction delivered = target.await(InvokeFunction.class, c -> c.functionId().equals("echo::list"));
            assertThat(delivered.data().tree().isArray()).isTrue();
            assertThat(delivered.data().tree().size()).isEqualTo(1);
        }
    }

    @Test
    void errorsFromTheTargetPassThrough() {
        try (TestWorker target = TestWorker.registered(engine, "target"); TestWorker caller = TestWorker.registered(engine, "c")) {
            target.registerFunctionAndAwait("boom::fail");
            UUID id = UUID.randomUUID();
            caller.send(InvokeFunction.call(id, "boom::fail", RawJson.of(object()), null, null, null, null, null));
            InvokeFunction delivered = target.await(InvokeFunction.class, c -> c.invocationId().equals(id));
            target.send(InvocationResult.failure(id, "boom::fail",
                    new dev.iii.protocol.ErrorBody("custom_code", "went wrong", "trace")));
            InvocationResult result = caller.await(InvocationResult.class, r -> r.invocationId().equals(id));
            assertThat(result.error().code()).isEqualTo("custom_code");
            assertThat(result.error().message()).isEqualTo("went wrong");
            assertThat(delivered).isNotNull();
        }
    }

    @Test
    void voidCallsRunWithAFreshIdAndGetNoReply() {
        try (TestWorker target = TestWorker.registered(engine, "target"); TestWorker caller = TestWorker.registered(engine, "c")) {
            target.registerFunctionAndAwait("audit::log");
            UUID ignored = UUID.randomUUID();
            caller.send(InvokeFunction.call(ignored, "audit::log", RawJson.of(object().put("event", "login")), null, null, null,
                    new TriggerAction.Void(), null));
            caller.send(InvokeFunction.call(null, "audit::log", RawJson.of(object().put("event", "logout")), null, null, null, null, null));
            InvokeFunction first = target.await(InvokeFunction.class, c -> c.data().tree().path("event").asString("").equals("login"));
            InvokeFunction second = target.await(InvokeFunction.class, c -> c.data().tree().path("event").asString("").equals("logout"));
            assertThat(first.invocationId()).isNotNull().isNotEqualTo(ignored);
            assertThat(second.invocationId()).isNotNull();
            target.reply(first, object());
            target.reply(second, object());
            // A later request/response call is answered; the void ones never were.
            JsonNode list = caller.callOk("engine::functions::list", object());
            assertThat(list).isNotNull();
            assertThat(caller.receivedOf(InvocationResult.class))
                    .noneMatch(r -> r.invocationId().equals(ignored) || r.invocationId().equals(first.invocationId()));
        }
    }

    @Test
    void unknownFunctionAnswersWithTheEngineMessage() {
        try (TestWorker caller = TestWorker.connect(engine)) {
            InvocationResult result = caller.call("nobody::home", object());
            assertThat(result.error().code()).isEqualTo("function_not_found");
            assertThat(result.error().message()).isEqualTo("Function nobody::home not found in namespace default.");
            assertThat(result.functionId()).isEqualTo("nobody::home");

            InvocationResult namespaced = caller.call("nobody::home", object(), "elsewhere");
            assertThat(namespaced.error().message()).isEqualTo("Function nobody::home not found in namespace elsewhere.");
        }
    }

    @Test
    void blankNamespaceIsRefusedOnRequestResponseCalls() {
        try (TestWorker caller = TestWorker.connect(engine)) {
            UUID id = UUID.randomUUID();
            caller.sendRaw("{\"type\":\"invokefunction\",\"invocation_id\":\"" + id
                    + "\",\"function_id\":\"x::y\",\"data\":{},\"namespace\":\" \"}");
            InvocationResult result = caller.await(InvocationResult.class, r -> r.invocationId().equals(id));
            assertThat(result.error().code()).isEqualTo("INVALID_NAMESPACE");
            assertThat(result.error().message()).isEqualTo(
                    "`namespace` is empty: it was named and left blank. Give it a name, or omit it to use `default`.");
        }
    }

    @Test
    void callsInFlightFailWhenTheTargetDisconnects() {
        try (TestWorker caller = TestWorker.registered(engine, "caller")) {
            TestWorker target = TestWorker.registered(engine, "target");
            target.registerFunctionAndAwait("slow::work");
            UUID id = UUID.randomUUID();
            caller.send(InvokeFunction.call(id, "slow::work", RawJson.of(object()), null, null, null, null, null));
            target.await(InvokeFunction.class, c -> c.invocationId().equals(id));
            target.close();
            InvocationResult result = caller.await(InvocationResult.class, r -> r.invocationId().equals(id));
            assertThat(result.error().code()).isEqualTo("invocation_stopped");
            assertThat(result.error().message()).isEqualTo("Invocation stopped");
            // and its functions are gone
            await().atMost(TestWorker.WAIT).until(() -> "function_not_found".equals(
                    caller.call("slow::work", object()).error() == null ? null : caller.call("slow::work", object()).error().code()));
        }
    }

    @Test
    void aSecondLiveOwnerOfAFunctionIsRejected() {
        try (TestWorker first = TestWorker.registered(engine, "first"); TestWorker second = TestWorker.registered(engine, "second")) {
            first.registerFunctionAndAwait("shared::fn");
            second.registerFunction("shared::fn");
            RegistrationRejected rejected = second.await(RegistrationRejected.class, r -> true);
            assertThat(rejected.code()).isEqualTo("FUNCTION_NAMESPACE_CONFLICT");
            assertThat(rejected.functionId()).isEqualTo("shared::fn");
            assertThat(rejected.namespace()).isEqualTo("default");
            assertThat(rejected.ownerWorkerId()).isEqualTo(first.workerId);
            assertThat(second.isClosed()).isFalse();
            // the same worker registering again is fine
            first.registerFunction("shared::fn");
            second.callOk("engine::functions::list", object());
            assertThat(first.receivedOf(RegistrationRejected.class)).isEmpty();
        }
    }

    @Test
    void engineIdsAreReservedOutsideDefault() {
        try (TestWorker worker = TestWorker.connect(engine)) {
            worker.sendMetadata("namespaced", "team-b");
            worker.registerFunction("engine::mine");
            RegistrationRejected rejected = worker.await(RegistrationRejected.class, r -> true);
            assertThat(rejected.ownerWorkerId()).isEmpty();
            assertThat(rejected.namespace()).isEqualTo("team-b");
        }
    }

    @Test
    void enqueueAnswersWithAReceiptAndRunsTheFunctionLater() {
        try (TestWorker target = TestWorker.registered(engine, "target"); TestWorker caller = TestWorker.registered(engine, "c")) {
            target.registerFunctionAndAwait("payments::charge");
            UUID id = UUID.randomUUID();
            caller.send(InvokeFunction.call(id, "payments::charge", RawJson.of(object().put("amount", 100)), null, null, null,
                    new TriggerAction.Enqueue("payment"), null));
            InvocationResult receipt = caller.await(InvocationResult.class, r -> r.invocationId().equals(id));
            assertThat(receipt.error()).isNull();
            assertThat(UUID.fromString(receipt.result().tree().get("messageReceiptId").asString())).isNotNull();
            InvokeFunction job = target.await(InvokeFunction.class, c -> c.functionId().equals("payments::charge"));
            assertThat(job.invocationId()).isNotEqualTo(id);
            assertThat(job.data().tree().get("amount").asInt()).isEqualTo(100);
            assertThat(job.callerWorkerId()).isNull();
            target.reply(job, object());
        }
    }

    @Test
    void enqueuedJobsOfOneQueueRunOneAtATime() {
        try (TestWorker target = TestWorker.registered(engine, "target"); TestWorker caller = TestWorker.registered(engine, "c")) {
            target.registerFunctionAndAwait("jobs::run");
            for (int i = 0; i < 2; i++) {
                caller.send(InvokeFunction.call(null, "jobs::run", RawJson.of(object().put("n", i)), null, null, null,
                        new TriggerAction.Enqueue("serial"), null));
            }
            InvokeFunction first = target.await(InvokeFunction.class, c -> c.data().tree().path("n").asInt(-1) == 0);
            // the second job waits until the first one answered
            assertThat(target.receivedOf(InvokeFunction.class)).noneMatch(c -> c.data().tree().path("n").asInt(-1) == 1);
            target.reply(first, object());
            InvokeFunction second = target.await(InvokeFunction.class, c -> c.data().tree().path("n").asInt(-1) == 1);
            target.reply(second, object());
        }
    }
}
