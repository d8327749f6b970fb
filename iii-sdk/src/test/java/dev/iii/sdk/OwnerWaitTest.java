package dev.iii.sdk;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.iii.engine.EmbeddedEngine;
import dev.iii.engine.EmbeddedEngineOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Waiting for a function's owner: {@code function_not_found} and {@code invocation_stopped} mean it is gone until
 * it reconnects. {@link IIIWorker#awaitFunction} waits for it; {@link CallOptions#withRetryUntilAvailable()} makes
 * a call wait and try again, within its own timeout.
 */
class OwnerWaitTest {

    private final List<IIIWorker> workers = new CopyOnWriteArrayList<>();
    private EmbeddedEngine engine;
    private IIIWorker caller;

    @BeforeEach
    void start() throws InterruptedException {
        // The engine announces function changes on its poll; shortened so that the tests need not wait 5 s.
        engine = EmbeddedEngine.builder().port(0).httpPort(0)
                .options(EmbeddedEngineOptions.defaults().withFunctionsPollInterval(Duration.ofMillis(100))).build()
                .start();
        caller = worker("caller");
        caller.start();
        assertThat(caller.awaitConnected(Duration.ofSeconds(30))).isTrue();
    }

    @AfterEach
    void stop() {
        workers.forEach(worker -> worker.shutdown(Duration.ofSeconds(1)));
        engine.close();
    }

    private IIIWorker worker(String name) {
        IIIWorker worker = IIIWorker.create(WorkerOptions.builder().url(engine.url()).name(name).build());
        workers.add(worker);
        return worker;
    }

    private IIIWorker owner() throws InterruptedException {
        IIIWorker owner = worker("owner");
        owner.registerFunction("late::echo", (payload, context) -> payload);
        owner.start();
        assertThat(owner.awaitConnected(Duration.ofSeconds(30))).isTrue();
        return owner;
    }

    @Test
    void awaitingAFunctionEndsWhenItsOwnerRegistersItAndLeavesNoSubscriptionBehind() throws Exception {
        CompletableFuture<Void> registered = caller.awaitFunction("late::echo", Duration.ofSeconds(60));
        await().until(() -> caller.functionIds().size() == 1);
        assertThat(registered).isNotDone();
        owner();
        assertThat(registered).succeedsWithin(Duration.ofSeconds(30));
        await().until(() -> caller.functionIds().isEmpty());
        // Already there: at once.
        assertThat(caller.awaitFunction("late::echo", Duration.ofSeconds(30))).succeedsWithin(Duration.ofSeconds(30));
    }

    @Test
    void awaitingAFunctionNobodyRegistersEndsWithTimeout() {
        assertThat(caller.awaitFunction("nobody::home", Duration.ofMillis(300))).failsWithin(Duration.ofSeconds(30))
                .withThrowableThat().havingCause().isInstanceOfSatisfying(InvocationException.class,
                        error -> assertThat(error.getCode()).isEqualTo(ErrorCode.TIMEOUT));
        await().until(() -> caller.functionIds().isEmpty());
    }

    @Test
    void aCallToldToRetryWaitsForTheOwnerAndIsAnsweredOnceItIsBack() throws Exception {
        CompletableFuture<JsonNode> plain = caller.call("late::echo", Map.of("n", 1));
        assertThat(plain).failsWithin(Duration.ofSeconds(30)).withThrowableThat().havingCause()
                .isInstanceOfSatisfying(InvocationException.class,
                        error -> assertThat(error.getCode()).isEqualTo(ErrorCode.FUNCTION_NOT_FOUND));

        CompletableFuture<JsonNode> patient = caller.call("late::echo", Map.of("n", 2),
                CallOptions.defaults().withTimeout(Duration.ofSeconds(60)).withRetryUntilAvailable());
        await().until(() -> caller.functionIds().size() == 1);
        assertThat(patient).isNotDone();
        owner();
        assertThat(patient).succeedsWithin(Duration.ofSeconds(30))
                .satisfies(result -> assertThat(result.get("n").asInt()).isEqualTo(2));
    }

    @Test
    void aRetriedCallStillEndsAtItsTimeout() {
        CompletableFuture<JsonNode> patient = caller.call("nobody::home", Map.of(),
                CallOptions.defaults().withTimeout(Duration.ofMillis(400)).withRetryUntilAvailable());
        assertThat(patient).failsWithin(Duration.ofSeconds(30)).withThrowableThat().havingCause()
                .isInstanceOfSatisfying(InvocationException.class, error -> {
                    assertThat(error.getCode()).isEqualTo(ErrorCode.TIMEOUT);
                    assertThat(error.getMessage()).contains("its owner did not come back (function_not_found)");
                });
        await().until(() -> caller.functionIds().isEmpty() && caller.statistics().pendingCalls() == 0);
    }
}
