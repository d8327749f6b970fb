package dev.iii.sdk;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.iii.sdk.discovery.FunctionInfo;
import dev.iii.sdk.discovery.TriggerTypeInfo;
import dev.iii.sdk.discovery.WorkerInfo;
import dev.iii.sdk.discovery.WorkersAvailableEvent;
import dev.iii.protocol.RawJson;
import dev.iii.protocol.InvocationResult;
import dev.iii.protocol.InvokeFunction;
import dev.iii.protocol.RegisterFunction;
import dev.iii.protocol.RegisterTrigger;
import dev.iii.protocol.UnregisterFunction;
import dev.iii.protocol.UnregisterTrigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Typed discovery calls and subscriptions (wire specification §7, §8). */
class DiscoveryTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TestEngine engine;
    private IIIWorker worker;
    private TestEngine.WorkerSide side;

    @BeforeEach
    void connect() throws Exception {
        engine = TestEngine.start();
        engine.answerLists(false);
        worker = III.registerWorker(WorkerOptions.builder().url(engine.url()).name("discovery").build());
        side = engine.nextConnection();
        await().until(() -> worker.connectionState() == ConnectionState.CONNECTED);
    }

    @AfterEach
    void stop() throws Exception {
        worker.shutdown(Duration.ofSeconds(1));
        engine.close();
    }

    private void answer(String functionId, String json) {
        InvokeFunction call = side.find(InvokeFunction.class, c -> c.functionId().equals(functionId));
        assertThat(call.data().tree()).isEqualTo(JSON.createObjectNode());
        side.send(InvocationResult.success(call.invocationId(), functionId, RawJson.of(JSON.readTree(json))));
    }

    @Test
    void listsParseTheEnginesShapes() {
        CompletableFuture<List<WorkerInfo>> workers = worker.discovery().listWorkers();
        answer("engine::workers::list", "{\"workers\":[{\"name\":\"node-capture-worker\",\"description\":null,"
                + "\"version\":\"0.22.1\",\"id\":\"8cdf8268-fa16-4aea-8865-687278a3e15e\",\"namespace\":\"default\","
                + "\"runtime\":\"node\",\"os\":\"linux\",\"status\":\"connected\",\"function_count\":5,"
                + "\"connected_at_ms\":1763805600000,\"active_invocations\":1,\"isolation\":null,\"ip_address\":\"127.0.0.1\"},"
                + "{\"name\":\"iii-http\",\"description\":null,\"version\":\"0.23.0\",\"id\":\"iii-http\",\"namespace\":\"default\","
                + "\"runtime\":\"engine\",\"os\":null,\"status\":\"available\",\"function_count\":0,\"connected_at_ms\":0,"
                + "\"active_invocations\":0,\"isolation\":\"in-process\",\"ip_address\":null}]}");
        assertThat(workers.join()).containsExactly(
                new WorkerInfo("node-capture-worker", null, "0.22.1", "8cdf8268-fa16-4aea-8865-687278a3e15e", "default",
                        "node", "linux", "connected", 5, 1763805600000L, 1, null, "127.0.0.1"),
                new WorkerInfo("iii-http", null, "0.23.0", "iii-http", "default", "engine", null, "available", 0, 0, 0,
                        "in-process", null));

        CompletableFuture<List<FunctionInfo>> functions = worker.discovery().listFunctions();
        answer("engine::functions::list", "{\"functions\":[{\"function_id\":\"capture::echo\",\"namespace\":\"default\","
                + "\"worker_name\":\"node-capture-worker\",\"description\":\"Returns its input\",\"metadata\":{\"owner\":\"capture\"}},"
                + "{\"function_id\":\"capture::boom\",\"namespace\":\"default\",\"worker_name\":\"node-capture-worker\"}]}");
        assertThat(functions.join()).extracting(FunctionInfo::functionId).containsExactly("capture::echo", "capture::boom");
        assertThat(functions.join().get(0).metadata().get("owner").asString()).isEqualTo("capture");
        assertThat(functions.join().get(1).description()).isNull();

        CompletableFuture<List<TriggerTypeInfo>> types = worker.discovery().listTriggers();
        answer("engine::triggers::list", "{\"triggers\":[{\"id\":\"cron\",\"namespace\":\"default\",\"worker_name\":\"iii-cron\","
                + "\"description\":\"Cron\"},{\"id\":\"http\",\"namespace\":\"default\",\"worker_name\":\"iii-http\",\"description\":\"HTTP\"}]}");
        assertThat(types.join()).containsExactly(new TriggerTypeInfo("cron", "default", "iii-cron", "Cron"),
                new TriggerTypeInfo("http", "default", "iii-http", "HTTP"));
    }

    @Test
    void anAnswerOfTheWrongShapeIsAnInvalidResponse() {
        CompletableFuture<List<WorkerInfo>> workers = worker.discovery().listWorkers();
        answer("engine::workers::list", "{\"items\":[]}");
        Throwable error = Failures.unwrap(workers.handle((value, e) -> e).join());
        assertThat(((InvocationException) error).getCode()).isEqualTo(ErrorCode.INVALID_RESPONSE);
    }

    @Test
    void subscriptionsRegisterAHiddenFunctionBoundToTheDiscoveryTrigger() throws Exception {
        List<WorkersAvailableEvent> events = new CopyOnWriteArrayList<>();
        Registration subscription = worker.discovery().onWorkersAvailable(events::add);
        RegisterFunction function = side.find(RegisterFunction.class, f -> f.id().endsWith("::workers-available"));
        assertThat(function.metadata().get("internal").asBoolean()).isTrue();
        RegisterTrigger binding = side.find(RegisterTrigger.class, t -> t.functionId().equals(function.id()));
        assertThat(binding.triggerType()).isEqualTo("engine::workers-available");
        assertThat(binding.config()).isEqualTo(JSON.createObjectNode());

        UUID invocation = UUID.randomUUID();
        side.send(InvokeFunction.call(invocation, function.id(),
                RawJson.of(JSON.readTree("{\"event\":\"worker_connected\",\"worker_id\":\"w-2\"}")), null, null, null, null, null));
        InvocationResult reply = side.find(InvocationResult.class, r -> r.invocationId().equals(invocation));
        assertThat(reply.error()).isNull();
        assertThat(events).containsExactly(new WorkersAvailableEvent("worker_connected", "w-2"));

        subscription.unregister();
        assertThat(side.find(UnregisterTrigger.class, u -> true).id()).isEqualTo(binding.id());
        assertThat(side.find(UnregisterFunction.class, u -> true).id()).isEqualTo(function.id());
    }

    @Test
    void functionsAvailableEventsCarryTheFunctionList() throws Exception {
        List<Object> events = new CopyOnWriteArrayList<>();
        worker.discovery().onFunctionsAvailable(events::add);
        RegisterFunction function = side.find(RegisterFunction.class, f -> f.id().endsWith("::functions-available"));
        side.send(InvokeFunction.call(UUID.randomUUID(), function.id(), RawJson.of(JSON.readTree("{\"event\":\"functions_changed\","
                + "\"functions\":[{\"function_id\":\"a::b\",\"namespace\":\"default\",\"worker_name\":\"w\"}]}")), null, null,
                null, null, null));
        await().until(() -> !events.isEmpty());
        assertThat(events.get(0)).hasToString("FunctionsAvailableEvent[event=functions_changed, functions=[FunctionInfo["
                + "functionId=a::b, namespace=default, workerName=w, description=null, metadata=null]]]");
    }
}
