package dev.iii.sdk;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import dev.iii.protocol.RawJson;
import dev.iii.protocol.InvocationResult;
import dev.iii.protocol.InvokeFunction;
import dev.iii.protocol.RegisterTrigger;
import dev.iii.protocol.UnregisterFunction;
import dev.iii.protocol.UnregisterTrigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** {@link IIIWorker#shutdown(Duration)}: refuse, drain, unregister, close. */
class ShutdownTest {

    private TestEngine engine;
    private IIIWorker worker;

    @BeforeEach
    void startEngine() throws Exception {
        engine = TestEngine.start();
    }

    @AfterEach
    void stop() throws Exception {
        worker.shutdown(Duration.ofSeconds(1));
        engine.close();
    }

    private static InvokeFunction invoke(String functionId) {
        return InvokeFunction.call(UUID.randomUUID(), functionId, RawJson.of(JsonNodeFactory.instance.objectNode()), null, null,
                null, null, null);
    }

    @Test
    void inFlightWorkFinishesNewWorkIsRefusedThenEverythingIsWithdrawnAndClosed() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        worker = IIIWorker.create(WorkerOptions.builder().url(engine.url()).name("draining").build());
        worker.registerFunction("t::slow", (payload, context) -> {
            started.countDown();
            release.await();
            return "done";
        });
        worker.registerTrigger("cron", "t::slow", Map.of("expression", "0 0 * * * *"), null);
        worker.start();
        TestEngine.WorkerSide side = engine.nextConnection();
        RegisterTrigger trigger = side.await(RegisterTrigger.class);
        await().until(() -> worker.connectionState() == ConnectionState.CONNECTED);

        InvokeFunction inFlight = invoke("t::slow");
        side.send(inFlight);
        started.await();
        CompletableFuture<JsonNodeHolder> pendingCall = worker.call("remote::never", Map.of())
                .thenApply(JsonNodeHolder::new);

        CompletableFuture<Void> shutdown = CompletableFuture.runAsync(() -> worker.shutdown(Duration.ofSeconds(30)));
        await().until(worker::isShuttingDown);
        InvokeFunction late = invoke("t::slow");
        side.send(late);
        InvocationResult refused = side.find(InvocationResult.class, r -> r.invocationId().equals(late.invocationId()));
        assertThat(refused.error().code()).isEqualTo(ErrorCode.INVOCATION_STOPPED);
        assertThat(shutdown).isNotDone();
        assertThat(side.isOpen()).isTrue();

        release.countDown();
        InvocationResult finished = side.find(InvocationResult.class, r -> r.invocationId().equals(inFlight.invocationId()));
        assertThat(finished.result().tree().asString()).isEqualTo("done");
        assertThat(side.find(UnregisterTrigger.class, u -> true).id()).isEqualTo(trigger.id());
        assertThat(side.find(UnregisterFunction.class, u -> true).id()).isEqualTo("t::slow");
        shutdown.get();
        await().until(() -> !side.isOpen());
        assertThat(side.closeReason.getCloseCode().getCode()).isEqualTo(1000);
        assertThat(worker.connectionState()).isEqualTo(ConnectionState.DISCONNECTED);
        assertThat(pendingCall).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(Exception.class)
                .havingCause().isInstanceOfSatisfying(InvocationException.class,
                        e -> assertThat(e.getCode()).isEqualTo(ErrorCode.SHUTDOWN));
    }

    @Test
    void shutdownIsIdempotentAndTheWorkerRefusesFurtherUse() throws Exception {
        worker = III.registerWorker(WorkerOptions.builder().url(engine.url()).name("twice").build());
        engine.nextConnection();
        await().until(() -> worker.connectionState() == ConnectionState.CONNECTED);
        worker.shutdown(Duration.ofSeconds(1));
        worker.shutdown(Duration.ofSeconds(1));
        worker.close();
        assertThat(worker.connectionState()).isEqualTo(ConnectionState.DISCONNECTED);
        assertThatThrownBy(() -> worker.registerFunction("t::late", (p, c) -> null))
                .isInstanceOf(IllegalStateException.class);
        assertThat(worker.call("t::any", Map.of())).failsWithin(Duration.ofSeconds(5))
                .withThrowableOfType(Exception.class).havingCause()
                .isInstanceOfSatisfying(InvocationException.class, e -> assertThat(e.getCode()).isEqualTo(ErrorCode.SHUTDOWN));
    }

    @Test
    void aHandlerThatOutlivesTheGracePeriodIsStoppedAndItsCallerAnswered() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        worker = IIIWorker.create(WorkerOptions.builder().url(engine.url()).name("hanging").build());
        worker.registerFunction("t::hang", (payload, context) -> {
            never.await();
            return null;
        });
        worker.start();
        TestEngine.WorkerSide side = engine.nextConnection();
        await().until(() -> worker.connectionState() == ConnectionState.CONNECTED);
        InvokeFunction hanging = invoke("t::hang");
        side.send(hanging);
        await().until(() -> worker.statistics().inFlightInvocations() == 1);
        worker.shutdown(Duration.ofMillis(200));
        // The handler was stopped and its caller answered before the connection closed.
        InvocationResult stopped = side.find(InvocationResult.class, r -> r.invocationId().equals(hanging.invocationId()));
        assertThat(stopped.error().code()).isEqualTo(ErrorCode.INVOCATION_STOPPED);
        assertThat(worker.connectionState()).isEqualTo(ConnectionState.DISCONNECTED);
        await().until(() -> !side.isOpen());
        never.countDown();
    }

    /** Keeps the future's generic type simple for AssertJ. */
    record JsonNodeHolder(Object node) {
    }
}
