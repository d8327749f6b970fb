package dev.iii.sdk;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.iii.protocol.RawJson;
import dev.iii.protocol.ErrorBody;
import dev.iii.protocol.InvocationResult;
import dev.iii.protocol.InvokeFunction;
import dev.iii.protocol.RegisterTrigger;
import dev.iii.protocol.RegisterTriggerType;
import dev.iii.protocol.TriggerAction;
import dev.iii.protocol.TriggerRegistrationResult;
import dev.iii.protocol.UnregisterTrigger;
import dev.iii.sdk.trigger.TriggerBinding;
import dev.iii.sdk.trigger.TriggerProvider;
import dev.iii.sdk.trigger.TriggerRegistration;
import dev.iii.sdk.trigger.TriggerTypeDefinition;
import dev.iii.sdk.trigger.TriggerTypeRegistration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Worker-provided trigger types (wire specification §6) and the binding side. */
class TriggerProviderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TestEngine engine;
    private IIIWorker worker;
    private TestEngine.WorkerSide side;
    private final List<String> events = new CopyOnWriteArrayList<>();
    private TriggerTypeRegistration tickType;

    @BeforeEach
    void start() throws Exception {
        engine = TestEngine.start();
        worker = IIIWorker.create(WorkerOptions.builder().url(engine.url()).name("provider")
                .reconnectPolicy(ConnectSequenceTest.fastReconnect()).build());
        tickType = worker.registerTriggerType(new TriggerTypeDefinition("capture::tick", "Ticks",
                Map.of("type", "object"), null), new TriggerProvider() {
                    @Override
                    public void registerTrigger(TriggerBinding binding) {
                        if (binding.config().has("reject")) {
                            throw new IllegalArgumentException("unknown repo");
                        }
                        events.add("register " + binding.id() + " " + binding.config().get("every_ms").asInt());
                    }

                    @Override
                    public void unregisterTrigger(TriggerBinding binding) {
                        events.add("unregister " + binding.id());
                    }
                });
        worker.start();
        side = engine.nextConnection();
        await().until(() -> worker.connectionState() == ConnectionState.CONNECTED);
    }

    @AfterEach
    void stop() throws Exception {
        worker.shutdown(Duration.ofSeconds(1));
        engine.close();
    }

    private static RegisterTrigger offer(String id, String type, String config) {
        return new RegisterTrigger(id, type, "capture::echo", JSON.readTree(config), JSON.readTree("{\"source\":\"t\"}"),
                "billing", null);
    }

    @Test
    void announcesTheTypeWithItsSchemaAndDescription() throws Exception {
        RegisterTriggerType announced = side.await(RegisterTriggerType.class);
        assertThat(announced.description()).isEqualTo("Ticks");
        assertThat(announced.triggerRequestFormat().get("type").asString()).isEqualTo("object");
        assertThat(announced.namespace()).isNull();
    }

    @Test
    void acceptsRefusesAndWithdrawsBindingsAndAnswersUnknownTypes() throws Exception {
        side.send(offer("b-1", "capture::tick", "{\"every_ms\":1000}"));
        TriggerRegistrationResult accepted = side.find(TriggerRegistrationResult.class, r -> r.id().equals("b-1"));
        assertThat(accepted.error()).isNull();
        assertThat(accepted.triggerType()).isEqualTo("capture::tick");
        assertThat(accepted.functionId()).isEqualTo("capture::echo");
        assertThat(events).containsExactly("register b-1 1000");

        side.send(offer("b-2", "capture::tick", "{\"reject\":true}"));
        assertThat(side.find(TriggerRegistrationResult.class, r -> r.id().equals("b-2")).error())
                .isEqualTo(new ErrorBody(ErrorCode.TRIGGER_REGISTRATION_FAILED, "unknown repo"));

        side.send(offer("b-3", "other::type", "{}"));
        assertThat(side.find(TriggerRegistrationResult.class, r -> r.id().equals("b-3")).error().code())
                .isEqualTo(ErrorCode.TRIGGER_TYPE_NOT_FOUND);

        side.send(new UnregisterTrigger("b-1", "capture::tick"));
        await().until(() -> events.contains("unregister b-1"));
        assertThat(side.receivedOf(TriggerRegistrationResult.class)).hasSize(3);
    }

    @Test
    void firingCallsTheBoundFunctionWithTheBindingsMetadataAndNamespace() throws Exception {
        side.send(offer("b-1", "capture::tick", "{\"every_ms\":1000}"));
        side.find(TriggerRegistrationResult.class, r -> r.id().equals("b-1"));
        TriggerBinding binding = new TriggerBinding("b-1", "capture::tick", "capture::echo",
                JSON.readTree("{\"every_ms\":1000}"), JSON.readTree("{\"source\":\"t\"}"), "billing", null);

        CompletableFuture<JsonNode> fired = tickType.fire(binding, Map.of("tick", 1));
        InvokeFunction call = side.find(InvokeFunction.class, f -> f.functionId().equals("capture::echo"));
        assertThat(call.namespace()).isEqualTo("billing");
        assertThat(call.metadata().get("source").asString()).isEqualTo("t");
        assertThat(call.data().tree().get("tick").asInt()).isEqualTo(1);
        side.send(InvocationResult.success(call.invocationId(), call.functionId(), RawJson.of(JSON.readTree("{\"ok\":true}"))));
        assertThat(fired.get().get("ok").asBoolean()).isTrue();

        tickType.fireAndForget(binding, Map.of("tick", 2));
        InvokeFunction voidCall = side.find(InvokeFunction.class, f -> f.data().tree().has("tick") && f.data().tree().get("tick").asInt() == 2);
        assertThat(voidCall.action()).isEqualTo(new TriggerAction.Void());
        assertThat(voidCall.invocationId()).isNull();
    }

    @Test
    void unregisteredTypeAnswersNewBindingsWithTriggerTypeNotFound() throws Exception {
        tickType.unregister();
        side.send(offer("b-9", "capture::tick", "{\"every_ms\":5}"));
        assertThat(side.find(TriggerRegistrationResult.class, r -> r.id().equals("b-9")).error().code())
                .isEqualTo(ErrorCode.TRIGGER_TYPE_NOT_FOUND);
        assertThat(events).isEmpty();
    }

    @Test
    void refusalsOfOwnBindingsAreKeptOnTheRegistration() throws Exception {
        TriggerRegistration binding = worker.registerTrigger("nonexistent::type", "capture::echo", null, null);
        RegisterTrigger sent = side.find(RegisterTrigger.class, r -> r.id().equals(binding.id()));
        assertThat(sent.config().isObject()).isTrue();
        assertThat(sent.config().size()).isZero();
        side.send(new TriggerRegistrationResult(binding.id(), "nonexistent::type", "capture::echo",
                new ErrorBody(ErrorCode.TRIGGER_REGISTRATION_FAILED, "Trigger type nonexistent::type not found")));
        await().until(() -> binding.lastError().isPresent());
        assertThat(binding.lastError().get().getCode()).isEqualTo(ErrorCode.TRIGGER_REGISTRATION_FAILED);
        assertThat(worker.connectionState()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void bindingsDieWithTheConnectionTheyCameOnAndComeBackWithTheNext() throws Exception {
        side.send(offer("b-1", "capture::tick", "{\"every_ms\":1000}"));
        side.find(TriggerRegistrationResult.class, r -> r.id().equals("b-1"));
        assertThat(events).containsExactly("register b-1 1000");

        // The engine forgets the bindings it handed over with the connection; so does the provider.
        side.drop();
        await().until(() -> events.contains("unregister b-1"));

        TestEngine.WorkerSide next = engine.nextConnection();
        next.await(RegisterTriggerType.class);
        next.send(offer("b-1", "capture::tick", "{\"every_ms\":1000}"));
        next.find(TriggerRegistrationResult.class, r -> r.id().equals("b-1"));
        assertThat(events).containsExactly("register b-1 1000", "unregister b-1", "register b-1 1000");
    }

    @Test
    void withdrawingATypeStopsItsBindings() throws Exception {
        side.send(offer("b-1", "capture::tick", "{\"every_ms\":1000}"));
        side.find(TriggerRegistrationResult.class, r -> r.id().equals("b-1"));
        tickType.unregister();
        await().until(() -> events.contains("unregister b-1"));
        assertThat(side.find(dev.iii.protocol.UnregisterTriggerType.class, u -> true).id()).isEqualTo("capture::tick");
    }
}
