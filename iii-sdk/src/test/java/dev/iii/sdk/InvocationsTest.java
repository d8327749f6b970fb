package dev.iii.sdk;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.iii.sdk.function.FunctionOptions;
import dev.iii.sdk.function.InvocationContext;
import dev.iii.protocol.RawJson;
import dev.iii.protocol.ErrorBody;
import dev.iii.sdk.function.HttpInvocation;
import dev.iii.protocol.InvocationResult;
import dev.iii.protocol.InvokeFunction;
import dev.iii.protocol.RegisterFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The handler side: the engine invokes this worker's functions (wire specification §5.2). */
class InvocationsTest {

    record Item(String sku, int qty) {
    }

    record Order(String customer, List<Item> items) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TestEngine engine;
    private IIIWorker worker;
    private TestEngine.WorkerSide side;

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

    private void connect(WorkerOptions.Builder options) throws Exception {
        worker.start();
        side = engine.nextConnection();
        await().until(() -> worker.connectionState() == ConnectionState.CONNECTED);
    }

    private IIIWorker newWorker(WorkerOptions.Builder options) {
        worker = IIIWorker.create(options.url(engine.url()).name("handler-worker").build());
        return worker;
    }

    private static InvokeFunction invoke(String functionId, String json) {
        return invoke(UUID.randomUUID(), functionId, json);
    }

    private static InvokeFunction invoke(UUID id, String functionId, String json) {
        return InvokeFunction.call(id, functionId, RawJson.of(JSON.readTree(json)), null, null, null, null, null);
    }

    private InvocationResult resultFor(InvokeFunction invoke) throws InterruptedException {
        return resultFor(invoke.invocationId());
    }

    private InvocationResult resultFor(UUID invocationId) {
        return side.find(InvocationResult.class, r -> r.invocationId().equals(invocationId));
    }

    @Test
    void echoesPayloadWithMetadataTraceContextAndCaller() throws Exception {
        AtomicReference<InvocationContext> seen = new AtomicReference<>();
        newWorker(WorkerOptions.builder()).registerFunction("t::echo", (payload, context) -> {
            seen.set(context);
            return payload;
        });
        connect(null);
        InvokeFunction invoke = InvokeFunction.call(UUID.randomUUID(), "t::echo",
                RawJson.of(JSON.readTree("{\"msg\":\"hi\",\"_caller_worker_id\":\"caller-1\"}")), JSON.readTree("{\"m\":1}"),
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "k=v", null, null);
        side.send(invoke);

        InvocationResult result = resultFor(invoke);
        assertThat(result.functionId()).isEqualTo("t::echo");
        // The engine's stamp is the caller, in the context; the handler sees the payload the caller sent.
        assertThat(result.result().tree()).isEqualTo(JSON.readTree("{\"msg\":\"hi\"}"));
        assertThat(result.error()).isNull();
        assertThat(result.traceparent()).isEqualTo(invoke.traceparent());
        assertThat(result.baggage()).isEqualTo("k=v");
        assertThat(seen.get().callerWorkerId()).isEqualTo("caller-1");
        assertThat(seen.get().metadata().get("m").asInt()).isEqualTo(1);
        assertThat(seen.get().invocationId()).isEqualTo(invoke.invocationId());
        assertThat(seen.get().functionId()).isEqualTo("t::echo");
    }

    @Test
    void handlersRunOffTheSocketThread() throws Exception {
        AtomicReference<String> thread = new AtomicReference<>();
        newWorker(WorkerOptions.builder()).registerFunction("t::thread", (payload, context) -> {
            thread.set(Thread.currentThread().getName());
            return null;
        });
        connect(null);
        InvokeFunction invoke = invoke("t::thread", "{}");
        side.send(invoke);
        InvocationResult result = resultFor(invoke);
        assertThat(result.result()).isNull();
        assertThat(side.rawFrames).anySatisfy(raw -> assertThat(raw).isEqualTo("{\"type\":\"invocationresult\","
                + "\"invocation_id\":\"" + invoke.invocationId() + "\",\"function_id\":\"t::thread\"}"));
        assertThat(thread.get()).startsWith("iii-invocation-");
    }

    @Test
    void typedHandlersGetBoundRecordsAndAsyncAndOptionalResults() throws Exception {
        newWorker(WorkerOptions.builder());
        worker.registerFunction("t::total", FunctionOptions.none(), Order.class,
                (order, context) -> Map.of("customer", order.customer(),
                        "units", order.items().stream().mapToInt(Item::qty).sum()));
        worker.registerFunction("t::async", FunctionOptions.none(), Order.class,
                (order, context) -> CompletableFuture.supplyAsync(() -> order.items().size()));
        worker.registerFunction("t::empty", (payload, context) -> Optional.empty());
        connect(null);

        InvokeFunction total = invoke("t::total",
                "{\"customer\":\"ada\",\"items\":[{\"sku\":\"A\",\"qty\":2},{\"sku\":\"B\",\"qty\":3}],"
                        + "\"_caller_worker_id\":\"w\"}");
        InvokeFunction async = invoke("t::async", "{\"customer\":\"ada\",\"items\":[{\"sku\":\"A\",\"qty\":2}]}");
        InvokeFunction empty = invoke("t::empty", "{}");
        side.send(total);
        side.send(async);
        side.send(empty);
        assertThat(resultFor(total).result().tree()).isEqualTo(JSON.readTree("{\"customer\":\"ada\",\"units\":5}"));
        assertThat(resultFor(async).result().tree().asInt()).isEqualTo(1);
        InvocationResult emptyResult = resultFor(empty);
        assertThat(emptyResult.result()).isNull();
        assertThat(emptyResult.error()).isNull();
    }

    @Test
    void payloadThatDoesNotBindIsAnInvalidRequestNamingThePath() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        newWorker(WorkerOptions.builder()).registerFunction("t::total", FunctionOptions.none(), Order.class,
                (order, context) -> calls.incrementAndGet());
        connect(null);
        InvokeFunction invoke = invoke("t::total", "{\"customer\":\"ada\",\"items\":[{\"sku\":\"A\",\"qty\":\"many\"}]}");
        side.send(invoke);

        ErrorBody error = resultFor(invoke).error();
        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(error.message()).contains("t::total").contains("$.items[0].qty").doesNotContain("Order");
        assertThat(calls).hasValue(0);
    }

    @Test
    void exceptionsBecomeErrorResultsWithTheirCodes() throws Exception {
        newWorker(WorkerOptions.builder());
        worker.registerFunction("t::coded", (payload, context) -> {
            throw new InvocationException("out_of_stock", "No A1 left");
        });
        worker.registerFunction("t::boom", (payload, context) -> {
            throw new IllegalStateException("boom on purpose");
        });
        worker.registerFunction("t::async-boom", (payload, context) -> CompletableFuture.failedFuture(
                new InvocationException("late_failure", "failed later")));
        connect(null);
        InvokeFunction coded = invoke("t::coded", "{}");
        InvokeFunction boom = invoke("t::boom", "{}");
        InvokeFunction asyncBoom = invoke("t::async-boom", "{}");
        side.send(coded);
        side.send(boom);
        side.send(asyncBoom);

        assertThat(resultFor(coded).error()).isEqualTo(new ErrorBody("out_of_stock", "No A1 left"));
        assertThat(resultFor(boom).error()).isEqualTo(new ErrorBody(ErrorCode.INVOCATION_FAILED, "boom on purpose"));
        assertThat(resultFor(asyncBoom).error()).isEqualTo(new ErrorBody("late_failure", "failed later"));
    }

    @Test
    void stackTracesAreSentOnlyWhenEnabled() throws Exception {
        newWorker(WorkerOptions.builder().sendStackTraces(true)).registerFunction("t::boom", (payload, context) -> {
            throw new IllegalStateException("boom");
        });
        connect(null);
        InvokeFunction invoke = invoke("t::boom", "{}");
        side.send(invoke);
        assertThat(resultFor(invoke).error().stacktrace()).contains("IllegalStateException: boom")
                .contains("InvocationsTest");
    }

    @Test
    void unknownAndHttpInvokedFunctionsAreAnsweredLocally() throws Exception {
        newWorker(WorkerOptions.builder()).registerHttpFunction("t::external", FunctionOptions.builder()
                .httpInvocation(new HttpInvocation("https://example.org/hook", "POST", Duration.ofSeconds(5), null, null)).build());
        connect(null);
        RegisterFunction registered = side.await(RegisterFunction.class);
        assertThat(registered.invocation().url()).isEqualTo("https://example.org/hook");

        InvokeFunction missing = invoke("t::missing", "{}");
        InvokeFunction external = invoke("t::external", "{}");
        side.send(missing);
        side.send(external);
        assertThat(resultFor(missing).error().code()).isEqualTo(ErrorCode.FUNCTION_NOT_FOUND);
        assertThat(resultFor(external).error().code()).isEqualTo(ErrorCode.FUNCTION_NOT_INVOKABLE);
    }

    @Test
    void invocationsWithoutAnIdRunButAreNeverAnswered() throws Exception {
        CountDownLatch ran = new CountDownLatch(2);
        newWorker(WorkerOptions.builder()).registerFunction("t::fire", (payload, context) -> {
            ran.countDown();
            throw new IllegalStateException("nobody hears this");
        });
        connect(null);
        side.sendRaw("{\"type\":\"invokefunction\",\"invocation_id\":null,\"function_id\":\"t::fire\",\"data\":{}}");
        side.sendRaw("{\"type\":\"invokefunction\",\"function_id\":\"t::fire\",\"data\":{}}");
        assertThat(ran.await(20, TimeUnit.SECONDS)).isTrue();

        InvokeFunction marker = invoke("t::missing", "{}");
        side.send(marker);
        resultFor(marker);
        assertThat(side.receivedOf(InvocationResult.class)).hasSize(1);
    }

    @Test
    void unknownAndMalformedFramesAreIgnoredAndTheConnectionStaysUp() throws Exception {
        newWorker(WorkerOptions.builder()).registerFunction("t::echo", (payload, context) -> payload);
        connect(null);
        UUID missingData = UUID.randomUUID();
        side.sendRaw("this is not JSON");
        side.sendRaw("{\"type\":\"somethingnew\",\"field\":1}");
        side.sendRaw("{\"type\":\"invokefunction\",\"invocation_id\":\"not-a-uuid\",\"function_id\":\"t::echo\",\"data\":{}}");
        side.sendRaw("{\"type\":\"invokefunction\",\"invocation_id\":\"" + missingData + "\",\"function_id\":\"t::echo\"}");
        side.sendRaw("[]");
        side.sendRaw("{\"type\":\"error\",\"error\":{\"code\":\"UNAUTHORIZED\",\"message\":\"shape only\"}}");
        side.sendRaw("{\"type\":\"pong\"}");
        InvokeFunction invoke = invoke("t::echo", "{\"still\":\"alive\"}");
        side.send(invoke);
        assertThat(resultFor(invoke).result().tree().get("still").asString()).isEqualTo("alive");
        assertThat(worker.connectionState()).isEqualTo(ConnectionState.CONNECTED);
        // An invocation whose id can be read gets its one answer even when the rest of its frame is wrong;
        // one without a usable id cannot be answered at all.
        InvocationResult refused = resultFor(missingData);
        assertThat(refused.functionId()).isEqualTo("t::echo");
        assertThat(refused.error().code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(refused.error().message()).contains("'data'");
        assertThat(side.receivedOf(InvocationResult.class)).hasSize(2);
    }

    @Test
    void framesLargerThanTheContainerBufferArriveWholeAndOversizedOnesAreRefusedWithAnAnswer() throws Exception {
        newWorker(WorkerOptions.builder().maxMessageSize(2 * 1024 * 1024))
                .registerFunction("t::size", (payload, context) -> payload.get("blob").asString().length());
        connect(null);
        String blob = "x".repeat(1024 * 1024);
        InvokeFunction large = invoke("t::size", "{\"blob\":\"" + blob + "\"}");
        side.send(large);
        assertThat(resultFor(large).result().tree().asInt()).isEqualTo(blob.length());

        InvokeFunction oversized = invoke("t::size", "{\"blob\":\"" + blob.repeat(3) + "\"}");
        side.send(oversized);
        InvokeFunction after = invoke("t::size", "{\"blob\":\"abc\"}");
        side.send(after);
        assertThat(resultFor(after).result().tree().asInt()).isEqualTo(3);
        InvocationResult refused = resultFor(oversized);
        assertThat(refused.error().code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(refused.error().message()).contains("larger than this worker's limit of 2097152 bytes");
        assertThat(refused.functionId()).isEqualTo("t::size");
        assertThat(worker.connectionState()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void thousandConcurrentInvocationsEachCallingOutGetExactlyOneResult() throws Exception {
        int count = 1000;
        newWorker(WorkerOptions.builder().maxConcurrentInvocations(64))
                .registerFunction("t::relay", (payload, context) -> worker.call("remote::double", payload)
                        .thenApply(doubled -> JsonNodeFactory.instance.objectNode().set("relayed", doubled)));
        connect(null);
        // The engine's side: answer every outgoing call as soon as it arrives.
        Thread answering = new Thread(() -> {
            try {
                for (int i = 0; i < count; i++) {
                    InvokeFunction call = side.await(InvokeFunction.class, f -> f.functionId().equals("remote::double"));
                    ObjectNode doubled = JsonNodeFactory.instance.objectNode().put("n", call.data().tree().get("n").asInt() * 2);
                    side.send(InvocationResult.success(call.invocationId(), call.functionId(), RawJson.of(doubled)));
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        });
        answering.start();
        Map<UUID, Integer> sent = new java.util.concurrent.ConcurrentHashMap<>();
        for (int i = 0; i < count; i++) {
            InvokeFunction invoke = invoke("t::relay", "{\"n\":" + i + "}");
            sent.put(invoke.invocationId(), i);
            side.send(invoke);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> side.receivedOf(InvocationResult.class).size() >= count);
        answering.join(10_000);

        List<InvocationResult> results = side.receivedOf(InvocationResult.class);
        assertThat(results).hasSize(count);
        Set<UUID> ids = new HashSet<>();
        for (InvocationResult result : results) {
            assertThat(ids.add(result.invocationId())).isTrue();
            assertThat(result.error()).isNull();
            assertThat(result.result().tree().get("relayed").get("n").asInt()).isEqualTo(sent.get(result.invocationId()) * 2);
        }
        assertThat(ids).isEqualTo(sent.keySet());
        assertThat(worker.statistics().pendingCalls()).isZero();
        // However many results arrive at once, their futures are completed by a bounded pool.
        assertThat(Thread.getAllStackTraces().keySet()).map(Thread::getName)
                .filteredOn(name -> name.startsWith("iii-completion-"))
                .allSatisfy(name -> assertThat(Integer.parseInt(name.substring("iii-completion-".length())))
                        .isLessThanOrEqualTo(8));
        await().until(() -> worker.statistics().inFlightInvocations() == 0);
    }

    @Test
    void concurrencyCapHoldsInvocationsBackWithoutLosingAny() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        newWorker(WorkerOptions.builder().maxConcurrentInvocations(3)).registerFunction("t::slow", (payload, context) -> {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            release.await();
            running.decrementAndGet();
            return payload;
        });
        connect(null);
        for (int i = 0; i < 10; i++) {
            side.send(invoke("t::slow", "{\"i\":" + i + "}"));
        }
        await().until(() -> running.get() == 3);
        assertThat(worker.statistics().inFlightInvocations()).isEqualTo(10);
        release.countDown();
        await().until(() -> side.receivedOf(InvocationResult.class).size() == 10);
        assertThat(peak).hasValue(3);
    }

    @Test
    void resultsOfInvocationsFromALostConnectionAreNotSentOnTheNextOne() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        newWorker(WorkerOptions.builder().reconnectPolicy(ConnectSequenceTest.fastReconnect()))
                .registerFunction("t::slow", (payload, context) -> {
                    release.await();
                    return payload;
                });
        connect(null);
        InvokeFunction invoke = invoke("t::slow", "{}");
        side.send(invoke);
        await().until(() -> worker.statistics().inFlightInvocations() == 1);
        side.drop();
        TestEngine.WorkerSide second = engine.nextConnection();
        await().until(() -> worker.connectionState() == ConnectionState.CONNECTED);
        release.countDown();
        await().until(() -> worker.statistics().inFlightInvocations() == 0);
        InvokeFunction marker = invoke("t::missing", "{}");
        second.send(marker);
        second.find(InvocationResult.class, r -> r.invocationId().equals(marker.invocationId()));
        assertThat(second.receivedOf(InvocationResult.class)).hasSize(1);
        assertThat(side.receivedOf(InvocationResult.class)).isEmpty();
    }

    @Test
    void duplicateAndBlankFunctionIdsAreRefusedLocally() {
        newWorker(WorkerOptions.builder()).registerFunction("t::once", (payload, context) -> null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> worker.registerFunction("t::once", (p, c) -> null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already registered");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> worker.registerFunction(" ", (p, c) -> null))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> worker.registerFunction("", (p, c) -> null))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> worker.registerFunction("t::null", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unregisteredFunctionsAreWithdrawnAndAnsweredNotFound() throws Exception {
        var registration = newWorker(WorkerOptions.builder()).registerFunction("t::gone", (payload, context) -> 1);
        connect(null);
        side.await(RegisterFunction.class);
        registration.unregister();
        assertThat(side.await(dev.iii.protocol.UnregisterFunction.class).id()).isEqualTo("t::gone");
        InvokeFunction invoke = invoke("t::gone", "{}");
        side.send(invoke);
        assertThat(resultFor(invoke).error().code()).isEqualTo(ErrorCode.FUNCTION_NOT_FOUND);
        assertThat(worker.functionIds()).isEmpty();
    }

    static JsonNode tree(String json) {
        return JSON.readTree(json);
    }

    @Test
    void aPayloadThatDoesNotFitIsAnsweredInTheCallersTermsWithoutJavaNames() throws Exception {
        newWorker(WorkerOptions.builder()).registerFunction("t::total", FunctionOptions.none(), Order.class,
                (order, context) -> order.items().size());
        connect(null);
        Map<String, String> expected = Map.of(
                "{\"customer\":\"ada\",\"items\":[{\"sku\":\"A\",\"qty\":\"two\"}]}",
                "at $.items[0].qty: 'two' is not a number",
                "{\"customer\":\"ada\",\"items\":{}}", "at $.items: expected an array",
                "{\"customer\":[\"ada\"],\"items\":[]}", "at $.customer: expected a string",
                "[1]", ": expected an object");
        for (Map.Entry<String, String> payload : expected.entrySet()) {
            InvokeFunction invoke = invoke("t::total", payload.getKey());
            side.send(invoke);
            InvocationResult answer = resultFor(invoke);
            assertThat(answer.error().code()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(answer.error().message()).startsWith("The payload of t::total does not fit")
                    .contains(payload.getValue()).doesNotContain("Order", "Item", "java", "`", "dev.iii");
        }
    }
}
