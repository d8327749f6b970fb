package dev.iii.sdk;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import dev.iii.protocol.InvocationResult;
import dev.iii.protocol.InvokeFunction;
import dev.iii.protocol.RawJson;
import dev.iii.sdk.function.FunctionOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Handlers declared non-blocking: they run on the thread that reads the engine's frames when they can start at
 * once, a wait for a call's result there fails fast instead of hanging the connection, and their deadline still
 * answers the caller without interrupting that thread.
 */
class NonBlockingHandlersTest {

    private static final FunctionOptions NON_BLOCKING = FunctionOptions.builder().nonBlocking(true).build();

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

    private void connect() throws Exception {
        worker.start();
        side = engine.nextConnection();
        await().until(() -> worker.connectionState() == ConnectionState.CONNECTED);
    }

    private IIIWorker worker(WorkerOptions.Builder options) {
        worker = IIIWorker.create(options.url(engine.url()).name("non-blocking").build());
        return worker;
    }

    private InvokeFunction invoke(String functionId) {
        return side.invoke(functionId, RawJson.parse("\"ping\""));
    }

    @Test
    void aNonBlockingHandlerRunsOnTheReadingThreadAndAnOrdinaryOneOnAHandlerThread() throws Exception {
        AtomicReference<String> nonBlockingThread = new AtomicReference<>();
        AtomicReference<String> ordinaryThread = new AtomicReference<>();
        worker(WorkerOptions.builder());
        worker.registerFunction("t::quick", NON_BLOCKING, (payload, context) -> {
            nonBlockingThread.set(Thread.currentThread().getName());
            return payload;
        });
        worker.registerFunction("t::ordinary", (payload, context) -> {
            ordinaryThread.set(Thread.currentThread().getName());
            return payload;
        });
        connect();

        assertThat(side.answerTo(invoke("t::quick")).result().tree().asString()).isEqualTo("ping");
        assertThat(side.answerTo(invoke("t::ordinary")).result().tree().asString()).isEqualTo("ping");
        assertThat(ordinaryThread.get()).startsWith("iii-invocation-");
        assertThat(nonBlockingThread.get()).startsWith("iii-socket-");
    }

    @Test
    void waitingInANonBlockingHandlerFailsAtOnceAndReturningTheComposedFutureWorks() throws Exception {
        AtomicReference<Throwable> refused = new AtomicReference<>();
        worker(WorkerOptions.builder());
        worker.registerFunction("t::joins", NON_BLOCKING, (payload, context) -> {
            try {
                return worker.call("other::fn", "x").join();
            }
            catch (IllegalStateException ex) {
                refused.set(ex);
                throw ex;
            }
        });
        worker.registerFunction("t::awaits", NON_BLOCKING, (payload, context) -> {
            try {
                return worker.awaitFunction("absent::fn", Duration.ofMinutes(5)).join();
            }
            catch (IllegalStateException ex) {
                refused.set(ex);
                throw ex;
            }
        });
        worker.registerFunction("t::composes", NON_BLOCKING,
                (payload, context) -> worker.call("other::fn", "x").thenApply(result -> "got " + result.asString()));
        connect();

        InvocationResult failed = side.answerTo(invoke("t::joins"));
        assertThat(failed.error().code()).isEqualTo(ErrorCode.INVOCATION_FAILED);
        assertThat(refused.get()).hasMessageContaining("join() on a future the engine's answer completes")
                .hasMessageContaining("non-blocking");
        assertThat(side.answerTo(invoke("t::awaits")).error().code()).isEqualTo(ErrorCode.INVOCATION_FAILED);
        assertThat(refused.get()).hasMessageContaining("join()").hasMessageContaining("non-blocking");

        UUID abandoned = side.find(InvokeFunction.class, frame -> frame.functionId().equals("other::fn"))
                .invocationId();

        InvokeFunction composing = invoke("t::composes");
        InvokeFunction outgoing = side.find(InvokeFunction.class, frame -> frame.functionId().equals("other::fn")
                && !frame.invocationId().equals(abandoned));
        side.send(InvocationResult.success(outgoing.invocationId(), "other::fn", RawJson.parse("\"pong\"")));
        assertThat(side.answerTo(composing).result().tree().asString()).isEqualTo("got pong");
    }

    @Test
    void aNonBlockingHandlerPastItsTimeoutIsAnsweredAndNotInterrupted() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        worker(WorkerOptions.builder());
        worker.registerFunction("t::overruns", FunctionOptions.builder().nonBlocking(true)
                .timeout(Duration.ofMillis(100)).build(), (payload, context) -> {
                    // A handler that breaks its promise: the worker must still answer its caller.
                    while (release.getCount() > 0) {
                        try {
                            release.await();
                        }
                        catch (InterruptedException ex) {
                            interrupted.set(true);
                        }
                    }
                    return "late";
                });
        connect();

        InvokeFunction overrunning = invoke("t::overruns");
        assertThat(side.answerTo(overrunning).error().code()).isEqualTo(ErrorCode.HANDLER_TIMEOUT);
        await().until(() -> worker.statistics().overdueInvocations() == 1);
        release.countDown();
        await().until(() -> worker.statistics().overdueInvocations() == 0
                && worker.statistics().inFlightInvocations() == 0);
        assertThat(interrupted).isFalse();
        assertThat(side.receivedOf(InvocationResult.class))
                .filteredOn(result -> result.invocationId().equals(overrunning.invocationId())).hasSize(1);
        assertThat(side.answerTo(invoke("t::overruns")).result().tree().asString()).isEqualTo("late");
    }

    @Test
    void aNonBlockingInvocationThatWaitedForASlotRunsOnAHandlerThread() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<String> thread = new AtomicReference<>();
        worker(WorkerOptions.builder().maxConcurrentInvocations(1));
        worker.registerFunction("t::holds", (payload, context) -> {
            release.await();
            return "held";
        });
        worker.registerFunction("t::quick", NON_BLOCKING, (payload, context) -> {
            thread.set(Thread.currentThread().getName());
            return payload;
        });
        connect();

        InvokeFunction holding = invoke("t::holds");
        InvokeFunction waiting = invoke("t::quick");
        await().until(() -> worker.statistics().inFlightInvocations() == 2);
        release.countDown();
        assertThat(side.answerTo(holding).result().tree().asString()).isEqualTo("held");
        assertThat(side.answerTo(waiting).result().tree().asString()).isEqualTo("ping");
        assertThat(thread.get()).startsWith("iii-invocation-");
    }
}
