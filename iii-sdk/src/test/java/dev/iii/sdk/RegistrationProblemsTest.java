package dev.iii.sdk;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.iii.engine.EmbeddedEngine;
import dev.iii.protocol.InvocationResult;
import dev.iii.protocol.InvokeFunction;
import dev.iii.protocol.RawJson;
import dev.iii.sdk.RegistrationProblem.Kind;
import dev.iii.sdk.trigger.TriggerBinding;
import dev.iii.sdk.trigger.TriggerProvider;
import dev.iii.sdk.trigger.TriggerTypeDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What a worker registered that is not in effect on the engine, found and told rather than discovered late. */
class RegistrationProblemsTest {

    private static final Map<String, String> EVERY_SECOND = Map.of("expression", "* * * * * *");

    private final List<IIIWorker> workers = new CopyOnWriteArrayList<>();
    private EmbeddedEngine engine;
    private TestEngine fake;

    @AfterEach
    void stop() throws Exception {
        workers.forEach(worker -> worker.shutdown(Duration.ofSeconds(1)));
        if (engine != null) {
            engine.close();
        }
        if (fake != null) {
            fake.close();
        }
    }

    private IIIWorker worker(String url, String name) {
        IIIWorker worker = IIIWorker.create(WorkerOptions.builder().url(url).name(name)
                .reconnectPolicy(ConnectSequenceTest.fastReconnect()).build());
        workers.add(worker);
        return worker;
    }

    @Test
    void aReplicasRefusedFunctionKeepsItsTriggersBackSoTheOwnersCronFiresOnce() throws Exception {
        engine = EmbeddedEngine.builder().port(0).httpPort(0).build().start();
        IIIWorker owner = worker(engine.url(), "owner");
        owner.registerFunction("jobs::tick", (payload, context) -> "owner");
        owner.registerTrigger("cron", "jobs::tick", EVERY_SECOND, null);
        owner.start();
        assertThat(owner.awaitConnected(Duration.ofSeconds(30))).isTrue();

        IIIWorker replica = worker(engine.url(), "replica");
        replica.registerFunction("jobs::tick", (payload, context) -> "replica");
        String bindingId = replica.registerTrigger("cron", "jobs::tick", EVERY_SECOND, null).id();
        List<List<RegistrationProblem>> told = new CopyOnWriteArrayList<>();
        replica.onRegistrationProblems(told::add);
        try (LogCapture logs = new LogCapture()) {
            replica.start();
            assertThat(replica.awaitConnected(Duration.ofSeconds(30))).isTrue();
            await().until(() -> replica.registrationProblems().size() == 2);
            assertThat(logs.lines(ch.qos.logback.classic.Level.WARN))
                    .filteredOn(line -> line.contains("jobs::tick") && !line.contains("refused for worker"))
                    .singleElement().asString().contains("FUNCTION_NAMESPACE_CONFLICT")
                    .contains("1 trigger(s) bound to it are kept back");
        }
        assertThat(replica.registrationProblems()).extracting(RegistrationProblem::kind, RegistrationProblem::bindingId)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(Kind.FUNCTION_REFUSED, null),
                        org.assertj.core.groups.Tuple.tuple(Kind.BINDING_NOT_BOUND, bindingId));
        await().until(() -> !told.isEmpty() && told.get(told.size() - 1).size() == 2);
        // Exactly one cron binding calls jobs::tick: the owner's (the engine fires one binding at a time).
        assertThat(engine.fireCron("jobs::tick").join().result().asString()).isEqualTo("owner");
        assertThat(owner.registrationProblems()).isEmpty();
    }

    @Test
    void aBindingNobodyProvidesWaitsUntilAProviderArrives() throws Exception {
        engine = EmbeddedEngine.builder().port(0).httpPort(0).build().start();
        IIIWorker consumer = worker(engine.url(), "consumer");
        consumer.registerFunction("hooks::on-push", (payload, context) -> null);
        consumer.registerTrigger("acme::push", "hooks::on-push", Map.of(), null);
        consumer.start();
        assertThat(consumer.awaitConnected(Duration.ofSeconds(30))).isTrue();
        await().until(() -> !consumer.registrationProblems().isEmpty());
        assertThat(consumer.registrationProblems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Kind.BINDING_PENDING);
            assertThat(problem.triggerType()).isEqualTo("acme::push");
            assertThat(problem.reason()).contains("no worker provides trigger type acme::push");
        });

        IIIWorker provider = worker(engine.url(), "acme");
        provider.registerTriggerType(TriggerTypeDefinition.of("acme::push", "Pushes"), new TriggerProvider() {
            @Override
            public void registerTrigger(TriggerBinding binding) {
            }

            @Override
            public void unregisterTrigger(TriggerBinding binding) {
            }
        });
        provider.start();
        assertThat(provider.awaitConnected(Duration.ofSeconds(30))).isTrue();
        assertThat(consumer.checkRegistrations().join()).isEmpty();
        assertThat(consumer.registrationProblems()).isEmpty();
    }

    @Test
    void aFunctionTheEngineDoesNotListAfterAReconnectIsReported() throws Exception {
        fake = TestEngine.start();
        fake.answerLists(false);
        IIIWorker worker = worker(fake.url(), "forgotten");
        worker.registerFunction("orders::create", (payload, context) -> null);
        worker.start();
        TestEngine.WorkerSide side = fake.nextConnection();
        await().until(() -> worker.connectionState() == ConnectionState.CONNECTED);
        answer(side, "engine::functions::list", "{\"functions\":[]}");
        answer(side, "engine::triggers::list", "{\"triggers\":[]}");
        await().until(() -> !worker.registrationProblems().isEmpty());
        assertThat(worker.registrationProblems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Kind.FUNCTION_NOT_LIVE);
            assertThat(problem.functionId()).isEqualTo("orders::create");
        });
        // A lost connection takes the check's findings with it; the next one is checked again.
        side.drop();
        TestEngine.WorkerSide second = fake.nextConnection();
        await().until(() -> worker.connectionState() == ConnectionState.CONNECTED);
        answer(second, "engine::functions::list", "{\"functions\":[{\"function_id\":\"orders::create\","
                + "\"namespace\":\"default\",\"worker_name\":\"forgotten\"}]}");
        answer(second, "engine::triggers::list", "{\"triggers\":[]}");
        await().until(() -> worker.registrationProblems().isEmpty());
    }

    private static void answer(TestEngine.WorkerSide side, String functionId, String json) throws InterruptedException {
        InvokeFunction call = side.await(InvokeFunction.class, c -> c.functionId().equals(functionId));
        side.send(InvocationResult.success(call.invocationId(), functionId, RawJson.parse(json)));
    }
}
