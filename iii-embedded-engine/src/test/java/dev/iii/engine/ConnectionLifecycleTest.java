package dev.iii.engine;

import java.time.Duration;
import java.util.UUID;

import dev.iii.protocol.RawJson;
import dev.iii.protocol.InvocationResult;
import dev.iii.protocol.InvokeFunction;
import dev.iii.protocol.Ping;
import dev.iii.protocol.Pong;
import dev.iii.protocol.Reattach;
import dev.iii.protocol.RegistrationRejected;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.iii.engine.TestWorker.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ConnectionLifecycleTest {

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
    void sendsWorkerRegisteredWithUuidsFirst() {
        try (TestWorker worker = TestWorker.connect(engine)) {
            assertThat(UUID.fromString(worker.workerId)).isNotNull();
            assertThat(UUID.fromString(worker.reattachToken)).isNotNull();
            assertThat(worker.workerId).isNotEqualTo(worker.reattachToken);
        }
    }

    @Test
    void acceptsTheTelemetrySocketWhichIsNoWorker() throws Exception {
        java.util.concurrent.CompletableFuture<Integer> closed = new java.util.concurrent.CompletableFuture<>();
        java.net.http.WebSocket otel = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(java.net.URI.create(engine.url() + "/otel"), new java.net.http.WebSocket.Listener() {
                    @Override
                    public java.util.concurrent.CompletionStage<?> onClose(java.net.http.WebSocket ws, int code, String reason) {
                        closed.complete(code);
                        return null;
                    }
                }).join();
        otel.sendBinary(java.nio.ByteBuffer.wrap("MTRC{}".getBytes(java.nio.charset.StandardCharsets.US_ASCII)), true).join();
        try (TestWorker lister = TestWorker.registered(engine, "otel-check")) {
            // the telemetry socket is not a worker
            JsonNode workers = lister.callOk("engine::workers::list", object()).get("workers");
            assertThat(workers.findValuesAsString("runtime")).containsOnly("java", "engine");
        }
        assertThat(closed).isNotDone();
        otel.abort();
    }

    @Test
    void answersJsonPingWithPong() {
        try (TestWorker worker = TestWorker.connect(engine)) {
            worker.send(new Ping());
            worker.await(Pong.class, p -> true);
        }
    }

    @Test
    void metadataShowsInWorkersListWithEveryMember() {
        try (TestWorker worker = TestWorker.registered(engine, "lister")) {
            JsonNode workers = worker.callOk("engine::workers::list", object()).get("workers");
            JsonNode row = null;
            for (JsonNode candidate : workers) {
                if (worker.workerId.equals(candidate.get("id").asString())) {
                    row = candidate;
                }
            }
            assertThat(row).isNotNull();
            assertThat(row.propertyNames()).containsExactlyInAnyOrder("name", "description", "version", "id",
                    "namespace", "runtime", "os", "status", "function_count", "connected_at_ms", "active_invocations",
                    "isolation", "ip_address");
            assertThat(row.get("name").asString()).isEqualTo("lister");
            assertThat(row.get("runtime").asString()).isEqualTo("java");
            assertThat(row.get("namespace").asString()).isEqualTo("default");
            assertThat(row.get("status").asString()).isEqualTo("connected");
            assertThat(row.get("description").isNull()).isTrue();
            assertThat(row.get("ip_address").asString()).isEqualTo("127.0.0.1");
            // the engine's own workers are listed too
            assertThat(workers.findValuesAsString("name")).contains("http", "cron", "iii-engine-functions");

            JsonNode info = worker.callOk("engine::workers::info", object().put("name", "lister"));
            assertThat(info.get("worker").get("pid").asInt()).isEqualTo(4242);
            assertThat(info.get("worker").get("internal").asBoolean()).isFalse();
            assertThat(info.has("functions")).isTrue();
            assertThat(info.has("trigger_types")).isTrue();
            assertThat(info.has("registered_triggers")).isTrue();
        }
    }

    @Test
    void workersWithoutPidAreHiddenFromTheList() {
        try (TestWorker anonymous = TestWorker.connect(engine); TestWorker lister = TestWorker.registered(engine, "l")) {
            JsonNode workers = lister.callOk("engine::workers::list", object()).get("workers");
            assertThat(workers.findValuesAsString("id")).doesNotContain(anonymous.workerId).contains(lister.workerId);
        }
    }

    @Test
    void registrationsWaitForTheMetadataCall() {
        try (TestWorker worker = TestWorker.connect(engine); TestWorker probe = TestWorker.connect(engine)) {
            worker.registerFunction("buffered::fn");
            // Not applied yet: the grace period is 5 s and no metadata came.
            InvocationResult early = probe.call("buffered::fn", object());
            assertThat(early.error().code()).isEqualTo("function_not_found");

            worker.sendMetadata("buffering", "team-a");
            await().atMost(TestWorker.WAIT).until(() -> probe.call("engine::functions::info",
                    object().put("function_id", "buffered::fn").put("namespace", "team-a")).error() == null);
            InvokeFunction call = callAsync(probe, "buffered::fn", "team-a");
            InvokeFunction delivered = worker.await(InvokeFunction.class, c -> c.functionId().equals("buffered::fn")
                    && c.invocationId().equals(call.invocationId()));
            worker.reply(delivered, object().put("ok", true));
            InvocationResult result = probe.await(InvocationResult.class,
                    r -> r.invocationId().equals(call.invocationId()));
            assertThat(result.result().tree().get("ok").asBoolean()).isTrue();
            // it landed in the declared namespace, not default
            assertThat(probe.call("buffered::fn", object()).error().message())
                    .isEqualTo("Function buffered::fn not found in namespace default. It is registered in namespace(s): team-a.");
        }
    }

    @Test
    void registrationsFallBackToDefaultAfterTheGracePeriod() {
        try (EmbeddedEngine quick = EngineTestSupport.start(EngineTestSupport.fastOptions()
                .withNamespaceGrace(Duration.ofMillis(300)));
                TestWorker worker = TestWorker.connect(quick);
                TestWorker probe = TestWorker.connect(quick)) {
            worker.registerFunction("late::fn");
            await().atMost(TestWorker.WAIT).until(() -> probe.call("engine::functions::info",
                    object().put("function_id", "late::fn")).error() == null);
        }
    }

    @Test
    void duplicateWorkerNameIsRejectedAndClosed() {
        try (TestWorker first = TestWorker.registered(engine, "unique-name");
                TestWorker second = TestWorker.connect(engine)) {
            second.sendMetadata("unique-name", null);
            RegistrationRejected rejected = second.await(RegistrationRejected.class, r -> true);
            assertThat(rejected.code()).isEqualTo("WORKER_NAMESPACE_CONFLICT");
            assertThat(rejected.workerName()).isEqualTo("unique-name");
            assertThat(rejected.namespace()).isEqualTo("default");
            assertThat(rejected.ownerWorkerId()).isEqualTo(first.workerId);
            second.awaitClosed();
            assertThat(first.isClosed()).isFalse();
        }
    }

    @Test
    void reattachRetiresThePreviousConnectionBeforeTheReplay() {
        try (TestWorker old = TestWorker.registered(engine, "phoenix");
                TestWorker caller = TestWorker.registered(engine, "caller")) {
            old.registerFunction("phoenix::hold");
            await().atMost(TestWorker.WAIT).until(() -> caller.call("engine::functions::info",
                    object().put("function_id", "phoenix::hold")).error() == null);
            InvokeFunction inFlight = callAsync(caller, "phoenix::hold", null);
            old.await(InvokeFunction.class, c -> c.invocationId().equals(inFlight.invocationId()));

            try (TestWorker fresh = TestWorker.connect(engine)) {
                fresh.send(new Reattach(old.workerId, old.reattachToken));
                fresh.sendMetadata("phoenix", null); // would conflict if the old one were still alive
                fresh.registerFunction("phoenix::hold");
                fresh.awaitListed("phoenix");

                InvocationResult stopped = caller.await(InvocationResult.class,
                        r -> r.invocationId().equals(inFlight.invocationId()));
                assertThat(stopped.error().code()).isEqualTo("invocation_stopped");
                assertThat(stopped.error().message()).isEqualTo("Invocation stopped");
                assertThat(fresh.receivedOf(RegistrationRejected.class)).isEmpty();
                old.awaitClosed();
                JsonNode workers = caller.callOk("engine::workers::list", object()).get("workers");
                assertThat(workers.findValuesAsString("id")).contains(fresh.workerId).doesNotContain(old.workerId);
            }
        }
    }

    @Test
    void reattachWithAWrongTokenIsIgnored() {
        try (TestWorker old = TestWorker.registered(engine, "keeper"); TestWorker intruder = TestWorker.connect(engine)) {
            intruder.send(new Reattach(old.workerId, UUID.randomUUID().toString()));
            intruder.sendMetadata("keeper", null);
            intruder.await(RegistrationRejected.class, r -> true);
            assertThat(old.isClosed()).isFalse();
        }
    }

    @Test
    void closeDropsWorkerSocketsAndIsIdempotent() {
        EmbeddedEngine closing = EngineTestSupport.start();
        int port = closing.port();
        try (TestWorker worker = TestWorker.connect(closing)) {
            closing.close();
            worker.awaitClosed();
            closing.close();
        }
        // the port is free again
        try (EmbeddedEngine again = EmbeddedEngine.builder().port(port).httpPort(0)
                .options(EngineTestSupport.fastOptions()).build().start()) {
            assertThat(again.port()).isEqualTo(port);
            assertThat(again.url()).isEqualTo("ws://127.0.0.1:" + port);
        }
    }

    @Test
    void triggerProvidersResolveInTheRegistrantsNamespaceFirst() {
        try (TestWorker defaultProvider = TestWorker.registered(engine, "default-provider");
                TestWorker teamProvider = TestWorker.connect(engine);
                TestWorker teamUser = TestWorker.connect(engine)) {
            teamProvider.sendMetadata("team-provider", "team");
            teamUser.sendMetadata("team-user", "team");
            defaultProvider.send(new dev.iii.protocol.RegisterTriggerType("shared::type", "", null, null, null));
            teamProvider.send(new dev.iii.protocol.RegisterTriggerType("shared::type", "", null, null, null));
            await().atMost(TestWorker.WAIT).until(() -> teamUser.callOk("engine::triggers::list", object())
                    .get("triggers").size() == 4);
            teamUser.send(new dev.iii.protocol.RegisterTrigger("t-1", "shared::type", "team::fn", object(), null,
                    "team", null));
            dev.iii.protocol.RegisterTrigger offered = teamProvider.await(dev.iii.protocol.RegisterTrigger.class,
                    r -> r.id().equals("t-1"));
            assertThat(offered.namespace()).isEqualTo("team");
            assertThat(offered.triggerNamespace()).isEqualTo("team");
            assertThat(defaultProvider.receivedOf(dev.iii.protocol.RegisterTrigger.class)).isEmpty();

            // the team provider leaves: the binding falls back to the default namespace's provider
            teamProvider.close();
            dev.iii.protocol.RegisterTrigger moved = defaultProvider.await(dev.iii.protocol.RegisterTrigger.class,
                    r -> r.id().equals("t-1"));
            assertThat(moved.triggerNamespace()).isNull();
        }
    }

    private static InvokeFunction callAsync(TestWorker caller, String functionId, String namespace) {
        InvokeFunction call = InvokeFunction.call(UUID.randomUUID(), functionId, RawJson.of(object()), null, null, null, null,
                namespace);
        caller.send(call);
        return call;
    }
}
