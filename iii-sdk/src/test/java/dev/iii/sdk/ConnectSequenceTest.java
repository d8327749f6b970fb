package dev.iii.sdk;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.iii.sdk.function.FunctionOptions;
import dev.iii.protocol.InvokeFunction;
import dev.iii.protocol.Message;
import dev.iii.protocol.Reattach;
import dev.iii.protocol.RegisterFunction;
import dev.iii.protocol.RegisterTrigger;
import dev.iii.protocol.RegisterTriggerType;
import dev.iii.protocol.TriggerAction;
import dev.iii.sdk.trigger.TriggerBinding;
import dev.iii.sdk.trigger.TriggerProvider;
import dev.iii.sdk.trigger.TriggerRegistration;
import dev.iii.sdk.trigger.TriggerTypeDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The frames a worker sends on connect and on every reconnect (wire specification §4.2 and §4.6). */
class ConnectSequenceTest {

    private TestEngine engine;
    private IIIWorker worker;

    @BeforeEach
    void startEngine() throws Exception {
        engine = TestEngine.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (worker != null) {
            worker.shutdown(Duration.ofSeconds(1));
        }
        engine.close();
    }

    private static final TriggerProvider NOOP_PROVIDER = new TriggerProvider() {
        @Override
        public void registerTrigger(TriggerBinding binding) {
        }

        @Override
        public void unregisterTrigger(TriggerBinding binding) {
        }
    };

    private IIIWorker workerWithRegistrations() {
        IIIWorker created = IIIWorker.create(WorkerOptions.builder().url(engine.url()).name("orders-worker")
                .description("test worker").reconnectPolicy(fastReconnect()).build());
        created.registerTriggerType(TriggerTypeDefinition.of("webhook::github", "GitHub webhooks"), NOOP_PROVIDER);
        created.registerFunction("orders::create", FunctionOptions.builder().description("Create an order")
                .metadata(Map.of("team", "billing")).build(), (payload, context) -> payload);
        created.registerFunction("orders::cancel", (payload, context) -> null);
        created.registerTrigger("http", "orders::create", Map.of("api_path", "/orders", "http_method", "POST"), null);
        return created;
    }

    static ReconnectPolicy fastReconnect() {
        return new ReconnectPolicy(Duration.ofMillis(50), 2.0, Duration.ofMillis(200), 0.3, -1);
    }

    @Test
    void firstConnectionSendsMetadataThenTypesThenFunctionsThenAPingThenTriggers() throws Exception {
        worker = workerWithRegistrations().start();
        TestEngine.WorkerSide side = engine.nextConnection();

        InvokeFunction metadata = side.next(InvokeFunction.class);
        assertThat(metadata.functionId()).isEqualTo("engine::workers::register");
        // Asked as request/response: its result tells the worker the engine applied its registrations.
        assertThat(metadata.invocationId()).isNotNull();
        assertThat(metadata.action()).isNull();
        assertThat(metadata.data().tree().get("runtime").asString()).isEqualTo("java");
        assertThat(metadata.data().tree().get("version").asString()).isEqualTo(IIIWorker.SDK_VERSION).isNotEqualTo("unknown");
        assertThat(metadata.data().tree().get("name").asString()).isEqualTo("orders-worker");
        assertThat(metadata.data().tree().get("description").asString()).isEqualTo("test worker");
        assertThat(metadata.data().tree().get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
        assertThat(metadata.data().tree().get("os").asString()).isNotBlank();
        assertThat(metadata.data().tree().has("namespace")).isFalse();

        assertThat(side.next(RegisterTriggerType.class).id()).isEqualTo("webhook::github");
        RegisterFunction create = side.next(RegisterFunction.class);
        assertThat(create.id()).isEqualTo("orders::create");
        assertThat(create.description()).isEqualTo("Create an order");
        assertThat(create.metadata().get("team").asString()).isEqualTo("billing");
        assertThat(side.next(RegisterFunction.class).id()).isEqualTo("orders::cancel");
        // Bindings only once the engine applied the functions (and named any it refused).
        side.next(dev.iii.protocol.Ping.class);
        RegisterTrigger trigger = side.next(RegisterTrigger.class);
        assertThat(trigger.triggerType()).isEqualTo("http");
        assertThat(trigger.config().get("api_path").asString()).isEqualTo("/orders");
        side.next(dev.iii.protocol.Ping.class);
        assertThat(side.receivedOf(Reattach.class)).isEmpty();
        await().until(() -> worker.connectionState() == ConnectionState.CONNECTED);
        assertThat(worker.workerId()).contains(side.workerId);
    }

    @Test
    void reconnectSendsReattachFirstAndReplaysEverythingWithTheSameBindingIds() throws Exception {
        worker = workerWithRegistrations().start();
        TestEngine.WorkerSide first = engine.nextConnection();
        RegisterTrigger firstTrigger = first.await(RegisterTrigger.class);
        await().until(() -> worker.workerId().isPresent());

        first.drop();
        TestEngine.WorkerSide second = engine.nextConnection();

        Reattach reattach = second.next(Reattach.class);
        assertThat(reattach.previousWorkerId()).isEqualTo(first.workerId);
        assertThat(reattach.reattachToken()).isEqualTo(first.reattachToken);
        assertThat(second.next(InvokeFunction.class).functionId()).isEqualTo("engine::workers::register");
        assertThat(second.next(RegisterTriggerType.class).id()).isEqualTo("webhook::github");
        assertThat(second.next(RegisterFunction.class).id()).isEqualTo("orders::create");
        assertThat(second.next(RegisterFunction.class).id()).isEqualTo("orders::cancel");
        second.next(dev.iii.protocol.Ping.class);
        assertThat(second.next(RegisterTrigger.class).id()).isEqualTo(firstTrigger.id());
        await().until(() -> worker.workerId().equals(java.util.Optional.of(second.workerId)));
        assertThat(worker.statistics().reconnectCount()).isEqualTo(1);
    }

    @Test
    void anOlderEngineWithoutReattachTokensGetsAReattachWithoutOne() throws Exception {
        engine.greetConnections(false);
        worker = workerWithRegistrations().start();
        TestEngine.WorkerSide first = engine.nextConnection();
        first.send(new dev.iii.protocol.WorkerRegistered("0.22-worker-id", null));
        await().until(() -> worker.workerId().isPresent());
        first.drop();
        TestEngine.WorkerSide second = engine.nextConnection();
        Reattach reattach = second.next(Reattach.class);
        assertThat(reattach.previousWorkerId()).isEqualTo("0.22-worker-id");
        assertThat(reattach.reattachToken()).isNull();
        assertThat(second.rawFrames.get(0)).isEqualTo("{\"type\":\"reattach\",\"previous_worker_id\":\"0.22-worker-id\"}");
    }

    @Test
    void connectedOnlyOnceTheEngineConfirmedTheRegistrations() throws Exception {
        engine.close();
        engine = TestEngine.start();
        engine.answerHandshake(false);
        worker = workerWithRegistrations().start();
        TestEngine.WorkerSide side = engine.nextConnection();
        InvokeFunction metadata = side.next(InvokeFunction.class);
        side.await(dev.iii.protocol.Ping.class);
        assertThat(worker.connectionState()).isEqualTo(ConnectionState.CONNECTING);

        side.send(new dev.iii.protocol.Pong());
        side.send(dev.iii.protocol.InvocationResult.failure(metadata.invocationId(), metadata.functionId(),
                new dev.iii.protocol.ErrorBody("FORBIDDEN", "namespace not allowed")));
        // The bindings and the second ping; until it is answered, still not connected.
        side.await(RegisterTrigger.class);
        await().until(() -> side.receivedOf(dev.iii.protocol.Ping.class).size() == 2);
        assertThat(worker.connectionState()).isEqualTo(ConnectionState.CONNECTING);
        side.send(new dev.iii.protocol.Pong());
        await().until(() -> worker.connectionState() == ConnectionState.CONNECTED);
    }

    @Test
    void registrationsMadeWhileConnectedAreSentOnceAndNotQueued() throws Exception {
        worker = IIIWorker.create(WorkerOptions.builder().url(engine.url()).name("late").build()).start();
        TestEngine.WorkerSide side = engine.nextConnection();
        side.next(InvokeFunction.class);
        side.next(dev.iii.protocol.Ping.class);
        side.next(dev.iii.protocol.Ping.class);
        await().until(() -> worker.connectionState() == ConnectionState.CONNECTED);

        worker.registerFunction("late::fn", (payload, context) -> null);
        TriggerRegistration trigger = worker.registerTrigger("cron", "late::fn", Map.of("expression", "0 * * * * *"), null);
        assertThat(side.next(RegisterFunction.class).id()).isEqualTo("late::fn");
        assertThat(side.next(RegisterTrigger.class).id()).isEqualTo(trigger.id());
        trigger.unregister();
        assertThat(side.next(dev.iii.protocol.UnregisterTrigger.class).id()).isEqualTo(trigger.id());

        side.drop();
        TestEngine.WorkerSide second = engine.nextConnection();
        second.await(RegisterFunction.class, f -> f.id().equals("late::fn"));
        worker.callVoid("x::y", Map.of());
        InvokeFunction call = second.await(InvokeFunction.class, f -> f.functionId().equals("x::y"));
        assertThat(second.receivedOf(RegisterFunction.class)).hasSize(1);
        assertThat(second.receivedOf(RegisterTrigger.class)).isEmpty();
        assertThat(call.action()).isEqualTo(new TriggerAction.Void());
        assertThat(side.received.stream().map(Message::getClass).filter(RegisterFunction.class::equals).count()).isEqualTo(1);
    }

    @Test
    void aConnectionClosedDuringItsHandshakeIsTriedAgain() throws Exception {
        engine.answerHandshake(false);
        worker = workerWithRegistrations().start();
        TestEngine.WorkerSide first = engine.nextConnection();
        first.await(dev.iii.protocol.Ping.class);
        engine.answerHandshake(true);
        first.drop();
        TestEngine.WorkerSide second = engine.nextConnection();
        second.await(dev.iii.protocol.Ping.class);
        await().until(() -> worker.connectionState() == ConnectionState.CONNECTED);
        assertThat(worker.workerId()).contains(second.workerId);
    }

    @Test
    void anEngineThatNeverAnswersTheHandshakeIsNeverConnectedAndIsTriedAgain() throws Exception {
        engine.answerHandshake(false);
        List<ConnectionState> states = new java.util.concurrent.CopyOnWriteArrayList<>();
        worker = IIIWorker.create(WorkerOptions.builder().url(engine.url()).name("unanswered")
                .connectTimeout(Duration.ofMillis(300)).reconnectPolicy(fastReconnect()).build());
        worker.addConnectionStateListener((state, cause) -> states.add(state));
        worker.start();
        TestEngine.WorkerSide first = engine.nextConnection();
        first.await(dev.iii.protocol.Ping.class);
        TestEngine.WorkerSide second = engine.nextConnection();
        await().until(() -> !first.isOpen());
        assertThat(states).doesNotContain(ConnectionState.CONNECTED);
        assertThat(worker.lastError()).hasValueSatisfying(error -> assertThat(error.getMessage())
                .contains("did not answer the handshake"));
        second.drop();
    }

    @Test
    void theWorkerIdIsTheCurrentConnectionsAndGoesWithIt() throws Exception {
        engine.answerHandshake(true);
        worker = workerWithRegistrations().start();
        TestEngine.WorkerSide first = engine.nextConnection();
        await().until(() -> worker.connectionState() == ConnectionState.CONNECTED);
        assertThat(worker.workerId()).contains(first.workerId);
        engine.greetConnections(false);
        first.drop();
        TestEngine.WorkerSide second = engine.nextConnection();
        await().until(() -> worker.workerId().isEmpty());
        second.send(new dev.iii.protocol.WorkerRegistered("second-id", "token"));
        await().until(() -> worker.workerId().equals(java.util.Optional.of("second-id")));
    }
}
