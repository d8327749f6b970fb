package dev.iii.sdk;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.iii.protocol.RawJson;
import dev.iii.protocol.InvocationResult;
import dev.iii.protocol.InvokeFunction;
import dev.iii.protocol.Message;
import dev.iii.protocol.Ping;
import dev.iii.protocol.RegisterFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Calls made while disconnected, and calls caught by a dropped connection (wire specification §4.2, §4.6). */
class OfflineQueueTest {

    private TestEngine engine;
    private IIIWorker worker;

    @BeforeEach
    void createWorker() throws Exception {
        engine = TestEngine.start();
        worker = IIIWorker.create(WorkerOptions.builder().url(engine.url()).name("offline")
                .reconnectPolicy(ConnectSequenceTest.fastReconnect()).build());
        worker.registerFunction("offline::fn", (payload, context) -> null);
    }

    @AfterEach
    void stop() throws Exception {
        worker.shutdown(Duration.ofSeconds(1));
        engine.close();
    }

    private static InvocationException failure(CompletableFuture<?> call) {
        return (InvocationException) Failures.unwrap(call.handle((value, error) -> error).join());
    }

    @Test
    void callsMadeBeforeTheConnectionAreSentAfterTheReplayUnlessTheirTimeRanOut() throws Exception {
        CompletableFuture<JsonNode> waiting = worker.call("remote::echo", Map.of("queued", true));
        CompletableFuture<JsonNode> expired = worker.call("remote::expired", Map.of(),
                CallOptions.defaults().withTimeout(Duration.ofMillis(50)));
        worker.callVoid("remote::fire", Map.of("queued", true));
        assertThat(failure(expired).getCode()).isEqualTo(ErrorCode.TIMEOUT);

        worker.start();
        TestEngine.WorkerSide side = engine.nextConnection();
        InvokeFunction echo = side.find(InvokeFunction.class, call -> call.functionId().equals("remote::echo"));
        side.find(InvokeFunction.class, call -> call.functionId().equals("remote::fire"));
        List<Message> frames = side.received;
        int replayEnd = frames.indexOf(side.find(Ping.class, ping -> true));
        assertThat(frames.indexOf(side.find(RegisterFunction.class, f -> true))).isLessThan(replayEnd);
        assertThat(frames.indexOf(echo)).isGreaterThan(replayEnd);
        assertThat(side.receivedOf(InvokeFunction.class)).noneMatch(call -> call.functionId().equals("remote::expired"));

        side.send(InvocationResult.success(echo.invocationId(), echo.functionId(), echo.data()));
        assertThat(waiting.get().get("queued").asBoolean()).isTrue();
    }

    @Test
    void aCallInFlightWhenTheConnectionDropsFailsAtOnceAndIsNotSentAgain() throws Exception {
        worker.start();
        TestEngine.WorkerSide first = engine.nextConnection();
        await().until(() -> worker.connectionState() == ConnectionState.CONNECTED);
        CompletableFuture<JsonNode> inFlight = worker.call("remote::slow", Map.of());
        first.find(InvokeFunction.class, call -> call.functionId().equals("remote::slow"));

        first.drop();
        InvocationException lost = failure(inFlight);
        assertThat(lost.getCode()).isEqualTo(ErrorCode.CONNECTION_LOST);
        assertThat(lost.getFunctionId()).isEqualTo("remote::slow");

        TestEngine.WorkerSide second = engine.nextConnection();
        await().until(() -> worker.connectionState() == ConnectionState.CONNECTED);
        CompletableFuture<JsonNode> after = worker.call("remote::after", JsonNodeFactory.instance.objectNode());
        InvokeFunction call = second.find(InvokeFunction.class, c -> c.functionId().equals("remote::after"));
        second.send(InvocationResult.success(call.invocationId(), call.functionId(), null));
        assertThat(after.get()).isNull();
        assertThat(second.receivedOf(InvokeFunction.class)).noneMatch(c -> c.functionId().equals("remote::slow"));
    }

    @Test
    void callsMadeWhileReconnectingWaitForTheNextConnection() throws Exception {
        List<ConnectionState> states = new java.util.concurrent.CopyOnWriteArrayList<>();
        worker.addConnectionStateListener((state, cause) -> states.add(state));
        worker.start();
        TestEngine.WorkerSide first = engine.nextConnection();
        await().until(() -> worker.connectionState() == ConnectionState.CONNECTED);
        first.drop();
        // A listener sees every change; polling the state could miss a reconnect this fast.
        await().until(() -> states.contains(ConnectionState.RECONNECTING));
        CompletableFuture<JsonNode> waiting = worker.call("remote::later", Map.of());
        TestEngine.WorkerSide second = engine.nextConnection();
        InvokeFunction call = second.find(InvokeFunction.class, c -> c.functionId().equals("remote::later"));
        second.send(InvocationResult.success(call.invocationId(), call.functionId(), RawJson.of(JsonNodeFactory.instance.numberNode(7))));
        assertThat(waiting.get().asInt()).isEqualTo(7);
        assertThat(first.receivedOf(InvokeFunction.class)).noneMatch(c -> c.functionId().equals("remote::later"));
    }

    @Test
    void theOfflineQueueIsBoundedAndACallLeavesItWhenItsTimeRunsOut() throws Exception {
        worker.shutdown(Duration.ofSeconds(1));
        worker = IIIWorker.create(WorkerOptions.builder().url(engine.url()).name("bounded").maxOfflineCalls(1)
                .maxOfflineBytes(1024).reconnectPolicy(ConnectSequenceTest.fastReconnect()).build());
        CompletableFuture<JsonNode> shortLived = worker.call("remote::short", Map.of(),
                CallOptions.defaults().withTimeout(Duration.ofMillis(100)));
        InvocationException full = failure(worker.call("remote::second", Map.of()));
        assertThat(full.getCode()).isEqualTo(ErrorCode.OFFLINE_QUEUE_FULL);
        assertThat(full.getMessage()).contains("1 calls (limit 1)");

        assertThat(failure(shortLived).getCode()).isEqualTo(ErrorCode.TIMEOUT);
        // Its place (and its payload) went with it.
        CompletableFuture<JsonNode> later = worker.call("remote::later", Map.of());
        assertThat(failure(worker.call("remote::big", Map.of("blob", "x".repeat(2048)))).getCode())
                .isEqualTo(ErrorCode.OFFLINE_QUEUE_FULL);

        worker.start();
        TestEngine.WorkerSide side = engine.nextConnection();
        InvokeFunction sent = side.find(InvokeFunction.class, call -> call.functionId().equals("remote::later"));
        side.send(InvocationResult.success(sent.invocationId(), sent.functionId(), RawJson.parse("7")));
        assertThat(later.get().asInt()).isEqualTo(7);
        assertThat(side.receivedOf(InvokeFunction.class)).noneMatch(call -> call.functionId().equals("remote::short"));
    }
}
