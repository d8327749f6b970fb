package dev.iii.spring.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import dev.iii.engine.EmbeddedEngine;
import dev.iii.sdk.EnqueueReceipt;
import dev.iii.sdk.ErrorCode;
import dev.iii.sdk.IIIWorker;
import dev.iii.sdk.InvocationException;
import dev.iii.sdk.WorkerOptions;
import dev.iii.spring.observation.IIIObservationDocumentation;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/** The template against a real (embedded) engine, with Micrometer turning its observations into timers. */
class IIITemplateTests {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private EmbeddedEngine engine;
    private IIIWorker worker;
    private IIITemplate iii;
    private final CountDownLatch stalled = new CountDownLatch(1);
    private final List<JsonNode> logged = new CopyOnWriteArrayList<>();

    record Order(String id, int units) {
    }

    @BeforeEach
    void start() throws InterruptedException {
        engine = EmbeddedEngine.builder().port(0).httpPort(0).build().start();
        worker = IIIWorker.create(WorkerOptions.builder().url(engine.url()).name("template-tests").build());
        worker.registerFunction("echo::metadata", (payload, context) -> Map.of("payload", payload,
                "metadata", context.metadata() == null ? "none" : context.metadata()));
        worker.registerFunction("orders::list", (payload, context) -> List.of(Map.of("id", "o-1", "units", 2),
                Map.of("id", "o-2", "units", payload.get("min").asInt())));
        worker.registerFunction("orders::stall", (payload, context) -> {
            stalled.await();
            return null;
        });
        worker.registerFunction("audit::log", (payload, context) -> {
            logged.add(payload);
            return null;
        });
        worker.start();
        assertThat(worker.awaitConnected(Duration.ofSeconds(20))).isTrue();
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        iii = new IIITemplate(worker, observations, IIIObservationDocumentation.DefaultConventions.CALL);
    }

    @AfterEach
    void stop() {
        stalled.countDown();
        worker.shutdown(Duration.ofSeconds(1));
        engine.close();
    }

    @Test
    void aFailedCallIsTimedWithTheRemoteErrorCodeNotTheFuturesWrapper() {
        Throwable failure = catchThrowable(() -> iii.function("nobody::home").retrieve(JsonNode.class));
        assertThat(failure).isInstanceOf(InvocationException.class);

        Timer timer = meters.get("iii.call").tag("iii.function.id", "nobody::home").timer();
        assertThat(timer.getId().getTag("iii.outcome")).isEqualTo("error");
        assertThat(timer.getId().getTag("iii.error.code")).isEqualTo(ErrorCode.FUNCTION_NOT_FOUND);
        assertThat(timer.getId().getTag("error")).isEqualTo(InvocationException.class.getSimpleName());
    }

    @Test
    void retrievesResultsBoundToGenericTypesWithMetadataAndAnEmptyObjectWhenNoPayloadIsGiven() {
        List<Order> orders = iii.function("orders::list").payload(Map.of("min", 5))
                .retrieve(new ParameterizedTypeReference<List<Order>>() { });
        assertThat(orders).containsExactly(new Order("o-1", 2), new Order("o-2", 5));

        JsonNode echoed = iii.function("echo::metadata").metadata(Map.of("tenant", "t1")).retrieve(JsonNode.class);
        assertThat(echoed.get("payload").isObject()).isTrue();
        assertThat(echoed.get("payload").size()).isZero();
        assertThat(echoed.get("metadata").get("tenant").asString()).isEqualTo("t1");
    }

    @Test
    void retrieveThrowsTheInvocationExceptionItselfAndRetrieveAsyncCompletesWithIt() {
        InvocationException timeout = catchThrowableOfType(InvocationException.class,
                () -> iii.function("orders::stall").timeout(Duration.ofMillis(200)).retrieve(JsonNode.class));
        assertThat(timeout.getCode()).isEqualTo(ErrorCode.TIMEOUT);

        CompletableFuture<JsonNode> missing = iii.function("nobody::home").retrieveAsync(JsonNode.class);
        assertThat(catchThrowable(missing::join)).cause().isInstanceOfSatisfying(InvocationException.class,
                ex -> assertThat(ex.getCode()).isEqualTo(ErrorCode.FUNCTION_NOT_FOUND));
    }

    @Test
    void aCallToldToRetryUntilAvailableWaitsForTheFunctionsOwner() throws Exception {
        CompletableFuture<JsonNode> patient = iii.function("late::greet").payload(Map.of("name", "ada"))
                .timeout(Duration.ofSeconds(60)).retryUntilAvailable().retrieveAsync(JsonNode.class);
        await().until(() -> worker.functionIds().stream().anyMatch(id -> id.startsWith("iii-java::")));
        assertThat(patient).isNotDone();
        IIIWorker owner = IIIWorker.create(WorkerOptions.builder().url(engine.url()).name("late-owner").build());
        try {
            owner.registerFunction("late::greet", (payload, context) -> "hello " + payload.get("name").asString());
            owner.start();
            assertThat(patient).succeedsWithin(Duration.ofSeconds(30))
                    .satisfies(result -> assertThat(result.asString()).isEqualTo("hello ada"));
        }
        finally {
            owner.shutdown(Duration.ofSeconds(1));
        }
    }

    @Test
    void callVoidReturnsAtOnceAndEnqueueReturnsTheEnginesReceipt() {
        iii.function("audit::log").payload(Map.of("event", "login")).callVoid();
        await().until(() -> logged.stream().anyMatch(event -> event.get("event").asString().equals("login")));

        EnqueueReceipt receipt = iii.function("audit::log").payload(Map.of("event", "queued")).enqueue("audit");
        assertThat(receipt.messageReceiptId()).isNotBlank();
        await().until(() -> logged.stream().anyMatch(event -> event.get("event").asString().equals("queued")));
        assertThat(meters.get("iii.call").tag("iii.function.id", "audit::log").timers()).allSatisfy(timer ->
                assertThat(timer.getId().getTag("iii.outcome")).isEqualTo("success"));
    }
}
