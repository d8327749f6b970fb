package dev.iii.sdk;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import dev.iii.protocol.InvokeFunction;
import dev.iii.protocol.MessageCodec;
import dev.iii.protocol.Pong;
import dev.iii.protocol.RegistrationRejected;
import dev.iii.sdk.function.FunctionRegistration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Connection state, rejected registrations and the reconnect policy (wire specification §3.14, §4.6). */
class FatalAndStateTest {

    private static final MessageCodec CODEC = new MessageCodec();

    private TestEngine engine;
    private IIIWorker worker;

    @AfterEach
    void stop() throws Exception {
        if (worker != null) {
            worker.shutdown(Duration.ofSeconds(1));
        }
        if (engine != null) {
            engine.close();
        }
    }

    private void connect() throws Exception {
        engine = TestEngine.start();
        worker = IIIWorker.create(WorkerOptions.builder().url(engine.url()).name("stateful")
                .reconnectPolicy(ConnectSequenceTest.fastReconnect()).build());
    }

    @Test
    void aWorkerNameConflictIsFatalFailsPendingCallsAndStopsReconnecting() throws Exception {
        LogCapture logs = new LogCapture();
        connect();
        worker.start();
        TestEngine.WorkerSide side = engine.nextConnection();
        await().until(() -> worker.connectionState() == ConnectionState.CONNECTED);
        CompletableFuture<?> pending = worker.call("remote::never", Map.of());

        side.send(new RegistrationRejected(RegistrationRejected.WORKER_NAMESPACE_CONFLICT, "default", null, "stateful",
                "3f1d9a52-0d8e-4bd2-9f7c-2a6ad4f0c2b1"));
        side.drop();
        await().until(() -> worker.connectionState() == ConnectionState.FAILED);
        assertThat(worker.fatalError()).hasValueSatisfying(error -> {
            assertThat(error.getCode()).isEqualTo(ErrorCode.WORKER_NAMESPACE_CONFLICT);
            assertThat(error.getMessage()).contains("worker name 'stateful'").contains("3f1d9a52");
        });
        Throwable failure = Failures.unwrap(pending.handle((value, error) -> error).join());
        assertThat(((InvocationException) failure).getCode()).isEqualTo(ErrorCode.WORKER_NAMESPACE_CONFLICT);
        Throwable later = Failures.unwrap(worker.call("remote::x", Map.of()).handle((value, error) -> error).join());
        assertThat(((InvocationException) later).getCode()).isEqualTo(ErrorCode.SHUTDOWN);
        await().during(Duration.ofMillis(600)).until(() -> engine.connections().size() == 1);
        // One clear error; nothing about grace periods, handshakes or reconnecting.
        logs.close();
        assertThat(logs.lines(Level.WARN)).singleElement().asString()
                .startsWith("ERROR The iii worker failed and will not reconnect").contains("WORKER_NAMESPACE_CONFLICT");
    }

    @Test
    void aNameRefusedWhileConnectingIsTriedAgainWithinTheGraceAsItsOwnerMayBeLeaving() throws Exception {
        try (LogCapture logs = new LogCapture(); RawWebSocketPeer peer = new RawWebSocketPeer()) {
            IIIWorker restarted = III.registerWorker(WorkerOptions.builder().url(peer.url()).name("stateful")
                    .reconnectPolicy(ConnectSequenceTest.fastReconnect()).build());
            try {
                refuseTheName(peer.nextConnection());
                peer.nextConnection().acceptHandshake("w-2");
                await().until(() -> restarted.connectionState() == ConnectionState.CONNECTED);
                assertThat(restarted.fatalError()).isEmpty();
                assertThat(logs.lines(Level.WARN)).singleElement().asString()
                        .startsWith("WARN Cannot connect to the iii engine").contains("WORKER_NAMESPACE_CONFLICT")
                        .contains("trying again for up to 10 s, in case the owner is this worker's predecessor leaving");
            }
            finally {
                restarted.shutdown(Duration.ofSeconds(1));
            }
        }
    }

    @Test
    void aNameStillRefusedAfterTheGraceIsFatal() throws Exception {
        try (RawWebSocketPeer peer = new RawWebSocketPeer()) {
            IIIWorker duplicate = III.registerWorker(WorkerOptions.builder().url(peer.url()).name("stateful")
                    .reconnectPolicy(ConnectSequenceTest.fastReconnect()).nameConflictGrace(Duration.ZERO).build());
            try {
                refuseTheName(peer.nextConnection());
                await().until(() -> duplicate.connectionState() == ConnectionState.FAILED);
                assertThat(duplicate.fatalError()).hasValueSatisfying(
                        error -> assertThat(error.getCode()).isEqualTo(ErrorCode.WORKER_NAMESPACE_CONFLICT));
            }
            finally {
                duplicate.shutdown(Duration.ofSeconds(1));
            }
        }
    }

    /** Greets the worker, reads its metadata call and refuses its name, as the engine does. */
    private static void refuseTheName(RawWebSocketPeer.Connection connection) throws Exception {
        connection.sendText("{\"type\":\"workerregistered\",\"worker_id\":\"w-1\"}");
        while (!(CODEC.decode(connection.readText()) instanceof InvokeFunction call
                && call.functionId().equals("engine::workers::register"))) {
            // the frames before it
        }
        connection.sendText("{\"type\":\"registrationrejected\",\"code\":\"WORKER_NAMESPACE_CONFLICT\","
                + "\"namespace\":\"default\",\"worker_name\":\"stateful\",\"owner_worker_id\":\"w-0\"}");
    }

    @Test
    void aFunctionConflictOnlyRefusesThatFunction() throws Exception {
        connect();
        FunctionRegistration taken = worker.registerFunction("shared::fn", (payload, context) -> null);
        FunctionRegistration mine = worker.registerFunction("mine::fn", (payload, context) -> null);
        worker.start();
        TestEngine.WorkerSide side = engine.nextConnection();
        await().until(() -> worker.connectionState() == ConnectionState.CONNECTED);
        side.send(new RegistrationRejected(RegistrationRejected.FUNCTION_NAMESPACE_CONFLICT, "default", "shared::fn",
                null, "other-worker"));
        await().until(() -> taken.rejection().isPresent());
        assertThat(taken.rejection().get().getCode()).isEqualTo(ErrorCode.FUNCTION_NAMESPACE_CONFLICT);
        assertThat(mine.rejection()).isEmpty();
        assertThat(worker.connectionState()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(worker.fatalError()).isEmpty();
    }

    @Test
    void listenersHearTheCurrentStateThenEveryChangeInOrder() throws Exception {
        connect();
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        worker.addConnectionStateListener((state, cause) -> states.add(state));
        await().until(() -> states.equals(List.of(ConnectionState.DISCONNECTED)));
        worker.start();
        TestEngine.WorkerSide first = engine.nextConnection();
        await().until(() -> states.contains(ConnectionState.CONNECTED));
        first.drop();
        engine.nextConnection();
        await().until(() -> states.size() >= 5);
        assertThat(states).containsExactly(ConnectionState.DISCONNECTED, ConnectionState.CONNECTING,
                ConnectionState.CONNECTED, ConnectionState.RECONNECTING, ConnectionState.CONNECTED);
        worker.shutdown(Duration.ofSeconds(1));
        await().until(() -> states.get(states.size() - 1) == ConnectionState.DISCONNECTED);
    }

    @Test
    void jsonPingsAreAnsweredAndErrorFramesDoNotBreakTheConnection() throws Exception {
        connect();
        worker.start();
        TestEngine.WorkerSide side = engine.nextConnection();
        await().until(() -> worker.connectionState() == ConnectionState.CONNECTED);
        int pongs = side.receivedOf(Pong.class).size();
        side.sendRaw("{\"type\":\"ping\"}");
        await().until(() -> side.receivedOf(Pong.class).size() == pongs + 1);
        side.sendRaw("{\"type\":\"error\",\"error\":{\"code\":\"AUTH_ERROR\",\"message\":\"bad token\"}}");
        side.sendRaw("{\"type\":\"ping\"}");
        await().until(() -> side.receivedOf(Pong.class).size() == pongs + 2);
        assertThat(worker.connectionState()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void theRetryBudgetRunsOutAgainstAnEngineThatIsNotThere() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        List<Throwable> causes = new CopyOnWriteArrayList<>();
        worker = IIIWorker.create(WorkerOptions.builder().url("ws://127.0.0.1:" + closedPort).name("unlucky")
                .reconnectPolicy(new ReconnectPolicy(Duration.ofMillis(10), 2.0, Duration.ofMillis(20), 0.0, 2)).build());
        worker.addConnectionStateListener((state, cause) -> {
            if (state == ConnectionState.FAILED) {
                causes.add(cause);
            }
        });
        worker.start();
        await().until(() -> worker.connectionState() == ConnectionState.FAILED);
        await().until(() -> !causes.isEmpty());
        assertThat(causes.get(0)).hasMessageContaining("after 2 failed attempt(s)").hasMessageContaining("connection refused");
        assertThat(worker.lastError()).isPresent();
    }

    @Test
    void backoffDoublesUpToTheCapWithinTheJitter() {
        ReconnectPolicy policy = ReconnectPolicy.defaults();
        assertThat(policy.delayBefore(0, 0.5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delayBefore(1, 0.5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delayBefore(4, 0.5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(policy.delayBefore(5, 0.5)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.delayBefore(100, 0.5)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.delayBefore(0, 0.0)).isEqualTo(Duration.ofMillis(700));
        assertThat(policy.delayBefore(0, 0.999999)).isEqualTo(Duration.ofMillis(1300));
        assertThat(policy.allowsAttempt(1_000_000)).isTrue();
        assertThat(new ReconnectPolicy(Duration.ofSeconds(1), 2, Duration.ofSeconds(30), 0.3, 3).allowsAttempt(3)).isFalse();
    }
}
