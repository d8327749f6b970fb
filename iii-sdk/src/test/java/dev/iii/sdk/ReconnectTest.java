package dev.iii.sdk;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import dev.iii.protocol.RegistrationRejected;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How the worker comes back (§4.6): after every close it did not ask for, whatever the code; ever more slowly
 * against an engine that keeps dropping it; and out loud when the engine cannot be reached.
 */
class ReconnectTest {

    private TestEngine engine;
    private RawWebSocketPeer peer;
    private IIIWorker worker;

    @AfterEach
    void stop() throws Exception {
        if (peer != null) {
            peer.close();
        }
        if (worker != null) {
            worker.shutdown(Duration.ofSeconds(1));
        }
        if (engine != null) {
            engine.close();
        }
    }

    @ParameterizedTest(name = "close {0}")
    @ValueSource(ints = { 1000, 1001, 1009, 1011 })
    void everyCloseTheWorkerDidNotAskForIsFollowedByAReconnect(int code) throws Exception {
        engine = TestEngine.start();
        worker = III.registerWorker(WorkerOptions.builder().url(engine.url()).name("closed-" + code)
                .reconnectPolicy(ConnectSequenceTest.fastReconnect()).build());
        TestEngine.WorkerSide first = engine.nextConnection();
        await().until(() -> worker.connectionState() == ConnectionState.CONNECTED);
        first.close(code);
        engine.nextConnection();
        await().until(() -> worker.connectionState() == ConnectionState.CONNECTED);
        assertThat(worker.statistics().reconnectCount()).isEqualTo(1);
    }

    @ParameterizedTest(name = "close {0}")
    @ValueSource(ints = { 1000, 1001, 1009, 1011 })
    void aCloseBeforeTheHandshakeIsAnsweredIsFollowedByAReconnect(int code) throws Exception {
        peer = new RawWebSocketPeer();
        worker = III.registerWorker(WorkerOptions.builder().url(peer.url()).name("closed-at-once-" + code)
                .reconnectPolicy(ConnectSequenceTest.fastReconnect()).build());
        peer.nextConnection().sendClose(code);
        peer.nextConnection().acceptHandshake("w-2");
        await().until(() -> worker.connectionState() == ConnectionState.CONNECTED);
        assertThat(worker.workerId()).hasValue("w-2");
    }

    /** What the worker sees as close code 1006: the socket ends without a close frame. */
    @Test
    void aDroppedSocketWithoutACloseIsFollowedByAReconnect() throws Exception {
        peer = new RawWebSocketPeer();
        worker = III.registerWorker(WorkerOptions.builder().url(peer.url()).name("reset")
                .reconnectPolicy(ConnectSequenceTest.fastReconnect()).build());
        peer.nextConnection().close();
        peer.nextConnection();
    }

    @Test
    void aConnectionResetIsFollowedByAReconnect() throws Exception {
        peer = new RawWebSocketPeer();
        worker = III.registerWorker(WorkerOptions.builder().url(peer.url()).name("reset-by-peer")
                .reconnectPolicy(ConnectSequenceTest.fastReconnect()).build());
        RawWebSocketPeer.Connection first = peer.nextConnection();
        first.acceptHandshake("w-1");
        await().until(() -> worker.connectionState() == ConnectionState.CONNECTED);
        first.reset();
        peer.nextConnection().acceptHandshake("w-2");
        await().until(() -> worker.workerId().filter("w-2"::equals).isPresent());
        assertThat(worker.statistics().reconnectCount()).isEqualTo(1);
    }

    @Test
    void anEngineThatKeepsDroppingTheWorkerIsRetriedEverMoreSlowly() throws Exception {
        peer = new RawWebSocketPeer();
        ReconnectPolicy policy = new ReconnectPolicy(Duration.ofMillis(50), 2.0, Duration.ofMillis(800), 0.0, -1);
        worker = III.registerWorker(WorkerOptions.builder().url(peer.url()).name("flapping").reconnectPolicy(policy)
                .build());
        // Each connection is accepted, confirmed and dropped at once, as an engine in trouble (or a proxy) does.
        List<Long> accepted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            RawWebSocketPeer.Connection connection = peer.nextConnection();
            accepted.add(System.nanoTime());
            connection.acceptHandshake("w-" + i);
            await().until(() -> worker.connectionState() == ConnectionState.CONNECTED);
            connection.close();
        }
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < accepted.size(); i++) {
            gaps.add((accepted.get(i) - accepted.get(i - 1)) / 1_000_000);
        }
        // 50, 100, 200, 400 ms before the second to fifth attempts: the count never reset.
        assertThat(gaps.get(3)).as("gaps in ms: " + gaps).isGreaterThanOrEqualTo(350);
    }

    @Test
    void anUnreachableEngineIsReportedAtWarnWithTheCause() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (LogCapture logs = new LogCapture()) {
            worker = III.registerWorker(WorkerOptions.builder().url("ws://127.0.0.1:" + closedPort).name("lonely")
                    .reconnectPolicy(new ReconnectPolicy(Duration.ofMillis(20), 1.0, Duration.ofMillis(20), 0, -1))
                    .build());
            await().until(() -> worker.lastError().isPresent());
            await().until(() -> logs.lines(Level.DEBUG).stream().filter(line -> line.contains("failed")).count() >= 3);
            List<String> warnings = logs.lines(Level.WARN);
            assertThat(warnings).hasSize(1).first().asString().startsWith("WARN Cannot connect to the iii engine at ws://127.0.0.1:"
                    + closedPort).contains("connection refused");
            assertThat(worker.lastError().get().getMessage()).contains("connection refused");
            assertThat(worker.connectionState()).isEqualTo(ConnectionState.CONNECTING);
        }
    }

    @Test
    void anEngineThatNeverAnswersTheHandshakeIsReportedAsATimeout() throws Exception {
        // Listening, so the TCP connection is made, but nobody reads the upgrade request or answers it.
        try (ServerSocket silent = new ServerSocket(0, 8, java.net.InetAddress.getLoopbackAddress());
                LogCapture logs = new LogCapture()) {
            worker = III.registerWorker(WorkerOptions.builder().url("ws://127.0.0.1:" + silent.getLocalPort())
                    .name("unanswered").connectTimeout(Duration.ofMillis(300))
                    .reconnectPolicy(new ReconnectPolicy(Duration.ofMillis(20), 1.0, Duration.ofMillis(20), 0, -1))
                    .build());
            await().until(() -> worker.lastError().isPresent());
            assertThat(worker.lastError().get().getMessage()).contains("the WebSocket handshake did not complete in time");
            assertThat(logs.lines(Level.WARN)).first().asString().contains("did not complete in time");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "TRIGGER_TYPE_NAMESPACE_CONFLICT", "FUNCTION_NAMESPACE_CONFLICT", "SOMETHING_NEW" })
    void aRejectionOtherThanTheWorkerNameIsReportedAndTheWorkerGoesOn(String code) throws Exception {
        engine = TestEngine.start();
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        worker = III.registerWorker(WorkerOptions.builder().url(engine.url()).name("rejected").build());
        worker.addConnectionStateListener((state, cause) -> states.add(state));
        TestEngine.WorkerSide side = engine.nextConnection();
        await().until(() -> worker.connectionState() == ConnectionState.CONNECTED);
        try (LogCapture logs = new LogCapture()) {
            side.send(new RegistrationRejected(code, "default", null, null, "other"));
            await().until(() -> logs.lines(Level.WARN).stream().anyMatch(line -> line.contains(code)));
        }
        assertThat(worker.connectionState()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(worker.fatalError()).isEmpty();
        assertThat(states).doesNotContain(ConnectionState.FAILED);
        assertThat(side.isOpen()).isTrue();
    }
}
