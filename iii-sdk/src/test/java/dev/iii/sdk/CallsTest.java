package dev.iii.sdk;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.iii.protocol.RawJson;
import dev.iii.protocol.ErrorBody;
import dev.iii.protocol.InvocationResult;
import dev.iii.protocol.InvokeFunction;
import dev.iii.protocol.TriggerAction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Calling functions (wire specification §5.1): request/response, timeouts, void, enqueue. */
class CallsTest {

    record Quote(String sku, int price) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TestEngine engine;
    private IIIWorker worker;
    private TestEngine.WorkerSide side;

    @BeforeEach
    void connect() throws Exception {
        engine = TestEngine.start();
        worker = III.registerWorker(WorkerOptions.builder().url(engine.url()).name("caller").build());
        side = engine.nextConnection();
        await().until(() -> worker.connectionState() == ConnectionState.CONNECTED);
    }

    @AfterEach
    void stop() throws Exception {
        worker.shutdown(Duration.ofSeconds(1));
        engine.close();
    }

    private InvokeFunction sent(String functionId) {
        return side.find(InvokeFunction.class, call -> call.functionId().equals(functionId));
    }

    private static InvocationException failure(CompletableFuture<?> call) {
        return (InvocationException) Failures.unwrap(call.handle((value, error) -> error).join());
    }

    @Test
    void resultsAreMatchedByInvocationIdInWhateverOrderTheyCome() throws Exception {
        CompletableFuture<JsonNode> first = worker.call("remote::a", Map.of("n", 1));
        CompletableFuture<JsonNode> second = worker.call("remote::b", Map.of("n", 2));
        InvokeFunction a = sent("remote::a");
        InvokeFunction b = sent("remote::b");
        assertThat(a.data().tree()).isEqualTo(JSON.readTree("{\"n\":1}"));
        assertThat(a.action()).isNull();
        side.send(InvocationResult.success(b.invocationId(), b.functionId(), RawJson.of(JSON.readTree("\"second\""))));
        side.send(InvocationResult.success(a.invocationId(), a.functionId(), RawJson.of(JSON.readTree("\"first\""))));
        assertThat(first.get().asString()).isEqualTo("first");
        assertThat(second.get().asString()).isEqualTo("second");
    }

    @Test
    void aResultWithoutValueCompletesWithNullAndTypedResultsBind() throws Exception {
        CompletableFuture<JsonNode> empty = worker.call("remote::empty", Map.of());
        CompletableFuture<Quote> quote = worker.call("remote::quote", Map.of("sku", "A1"), Quote.class);
        InvokeFunction emptyCall = sent("remote::empty");
        side.sendRaw("{\"type\":\"invocationresult\",\"invocation_id\":\"" + emptyCall.invocationId()
                + "\",\"function_id\":\"remote::empty\",\"result\":null}");
        InvokeFunction quoteCall = sent("remote::quote");
        side.send(InvocationResult.success(quoteCall.invocationId(), quoteCall.functionId(),
                RawJson.of(JSON.readTree("{\"sku\":\"A1\",\"price\":42,\"extra\":true}"))));
        assertThat(empty.get()).isNull();
        assertThat(quote.get()).isEqualTo(new Quote("A1", 42));
    }

    @Test
    void remoteErrorsCarryCodeMessageFunctionAndStackTrace() {
        CompletableFuture<JsonNode> failing = worker.call("remote::fail", Map.of());
        CompletableFuture<JsonNode> stopped = worker.call("remote::gone", Map.of());
        InvokeFunction fail = sent("remote::fail");
        InvokeFunction gone = sent("remote::gone");
        side.send(InvocationResult.failure(fail.invocationId(), fail.functionId(),
                new ErrorBody("E_REMOTE_FAIL", "remote::fail failed on purpose", "at remote.js:1")));
        side.send(InvocationResult.failure(gone.invocationId(), gone.functionId(),
                new ErrorBody(ErrorCode.INVOCATION_STOPPED, "Invocation stopped")));

        InvocationException error = failure(failing);
        assertThat(error.getCode()).isEqualTo("E_REMOTE_FAIL");
        assertThat(error.getMessage()).isEqualTo("remote::fail failed on purpose");
        assertThat(error.getFunctionId()).isEqualTo("remote::fail");
        assertThat(error.getRemoteStackTrace()).isEqualTo("at remote.js:1");
        assertThat(failure(stopped).getCode()).isEqualTo(ErrorCode.INVOCATION_STOPPED);
    }

    @Test
    void callsTimeOutOnTheCallersSideAndLateResultsAreDropped() throws Exception {
        CompletableFuture<JsonNode> slow = worker.call("remote::never", Map.of(),
                CallOptions.defaults().withTimeout(Duration.ofMillis(200)));
        InvokeFunction never = sent("remote::never");
        InvocationException timeout = failure(slow);
        assertThat(timeout.getCode()).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(timeout.getFunctionId()).isEqualTo("remote::never");
        assertThat(worker.statistics().pendingCalls()).isZero();

        side.send(InvocationResult.success(never.invocationId(), never.functionId(), RawJson.of(JSON.readTree("{\"late\":true}"))));
        side.send(InvocationResult.success(UUID.randomUUID(), "remote::unsolicited", RawJson.of(JSON.readTree("1"))));
        CompletableFuture<JsonNode> next = worker.call("remote::echo", Map.of("ok", true));
        InvokeFunction echo = sent("remote::echo");
        side.send(InvocationResult.success(echo.invocationId(), echo.functionId(), echo.data()));
        assertThat(next.get().get("ok").asBoolean()).isTrue();
        assertThat(worker.connectionState()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void metadataAndTraceContextTravelWithTheCallAndEveryIdIsAFreshUuid() {
        worker.call("remote::traced", Map.of(), CallOptions.defaults().withMetadata(Map.of("tenant", "t1"))
                .withTraceContext("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "k=v"));
        InvokeFunction traced = sent("remote::traced");
        assertThat(traced.metadata()).isEqualTo(JSON.readTree("{\"tenant\":\"t1\"}"));
        assertThat(traced.traceparent()).isEqualTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        assertThat(traced.baggage()).isEqualTo("k=v");

        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            worker.call("remote::many", Map.of("i", i));
        }
        await().until(() -> side.receivedOf(InvokeFunction.class).stream().filter(c -> c.functionId().equals("remote::many"))
                .count() == 50);
        side.receivedOf(InvokeFunction.class).stream().filter(c -> c.functionId().equals("remote::many"))
                .forEach(call -> assertThat(ids.add(call.invocationId())).isTrue());
        assertThat(ids).allSatisfy(id -> assertThat(id.version()).isEqualTo(4));
    }

    @Test
    void voidCallsSendNoIdAndReturnAtOnce() {
        worker.callVoid("remote::fire", Map.of("event", "page_view"));
        InvokeFunction fire = sent("remote::fire");
        assertThat(fire.invocationId()).isNull();
        assertThat(fire.action()).isEqualTo(new TriggerAction.Void());
        assertThat(side.rawFrames).anySatisfy(raw -> assertThat(raw).isEqualTo(
                "{\"type\":\"invokefunction\",\"function_id\":\"remote::fire\",\"data\":{\"event\":\"page_view\"},"
                        + "\"action\":{\"type\":\"void\"}}"));
        assertThat(worker.statistics().pendingCalls()).isZero();
    }

    @Test
    void enqueueSendsTheQueueAndReturnsTheReceiptOrTheEngineError() {
        CompletableFuture<EnqueueReceipt> accepted = worker.enqueue("jobs", "remote::job", Map.of("job", 1));
        CompletableFuture<EnqueueReceipt> refused = worker.enqueue("missing", "remote::job", Map.of("job", 2));
        InvokeFunction first = side.find(InvokeFunction.class, c -> c.action() instanceof TriggerAction.Enqueue e
                && e.queue().equals("jobs"));
        InvokeFunction second = side.find(InvokeFunction.class, c -> c.action() instanceof TriggerAction.Enqueue e
                && e.queue().equals("missing"));
        assertThat(first.invocationId()).isNotNull();
        side.send(InvocationResult.success(first.invocationId(), first.functionId(),
                RawJson.of(JSON.readTree("{\"messageReceiptId\":\"31a06401-94bb-4421-bb04-e24d58bb0c15\"}"))));
        side.send(InvocationResult.failure(second.invocationId(), second.functionId(),
                new ErrorBody(ErrorCode.ENQUEUE_ERROR, "No queue provider is installed.")));
        assertThat(accepted.join()).isEqualTo(new EnqueueReceipt("31a06401-94bb-4421-bb04-e24d58bb0c15"));
        assertThat(failure(refused).getCode()).isEqualTo(ErrorCode.ENQUEUE_ERROR);
    }

    @Test
    void aCallThatCannotBeMadeFailsAtOnceWithItsCodeAndLeavesNothingBehind() {
        Object unwritable = new Object() {
            @SuppressWarnings("unused")
            public Object getSelf() {
                return this;
            }
        };
        assertThat(failure(worker.call(" ", Map.of())).getCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(failure(worker.call("remote::x", unwritable)).getCode()).isEqualTo(ErrorCode.SERIALIZATION_ERROR);
        assertThat(failure(worker.enqueue("jobs", "remote::x", unwritable)).getCode())
                .isEqualTo(ErrorCode.SERIALIZATION_ERROR);
        assertThat(failure(worker.enqueue(" ", "remote::x", Map.of())).getCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(failure(worker.call("remote::x", Map.of(), CallOptions.defaults().withMetadata(unwritable)))
                .getCode()).isEqualTo(ErrorCode.SERIALIZATION_ERROR);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> worker.callVoid("", Map.of()))
                .isInstanceOfSatisfying(InvocationException.class,
                        error -> assertThat(error.getCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        assertThat(worker.statistics().pendingCalls()).isZero();
        assertThat(side.receivedOf(InvokeFunction.class)).noneMatch(call -> call.functionId().equals("remote::x"));
    }

    @Test
    void cancellingACallForgetsItAndOnlyTheWorkerCompletesItsFuture() {
        CompletableFuture<JsonNode> call = worker.call("remote::slow", Map.of());
        InvokeFunction sent = sent("remote::slow");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> call.complete(null))
                .isInstanceOf(UnsupportedOperationException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> call.obtrudeValue(null))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(worker.statistics().pendingCalls()).isEqualTo(1);

        assertThat(call.cancel(true)).isTrue();
        assertThat(worker.statistics().pendingCalls()).isZero();
        // The engine still answers; the answer is dropped.
        side.send(InvocationResult.success(sent.invocationId(), sent.functionId(), RawJson.parse("1")));
        assertThat(call).isCancelled();

        CompletableFuture<JsonNode> timed = worker.call("remote::slower", Map.of());
        timed.orTimeout(50, java.util.concurrent.TimeUnit.MILLISECONDS);
        assertThat(timed).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                .havingCause().isInstanceOf(java.util.concurrent.TimeoutException.class);
        await().until(() -> worker.statistics().pendingCalls() == 0);
    }
}
