package dev.iii.sdk;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

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
 * Handler slots and deadlines: a handler that overruns its function's timeout is answered in its place and
 * stopped, a worker without room says so at once, and one function's limit holds back only that function.
 */
class HandlerSlotsTest {

    private TestEngine engine;
    private IIIWorker worker;
    private TestEngine.WorkerSide side;
    private final CountDownLatch never = new CountDownLatch(1);

    @BeforeEach
    void startEngine() throws Exception {
        engine = TestEngine.start();
    }

    @AfterEach
    void stop() throws Exception {
        never.countDown();
        if (worker != null) {
            worker.shutdown(Duration.ofSeconds(1));
        }
        engine.close();
    }

    private IIIWorker worker(WorkerOptions.Builder options) {
        worker = IIIWorker.create(options.url(engine.url()).name("slots").build());
        return worker;
    }

    private void connect() throws Exception {
        worker.start();
        side = engine.nextConnection();
        await().until(() -> worker.connectionState() == ConnectionState.CONNECTED);
    }

    private InvokeFunction invoke(String functionId) {
        return side.invoke(functionId, RawJson.EMPTY_OBJECT);
    }

    @Test
    void aHandlerPastItsTimeoutIsAnsweredInterruptedAndGivesItsSlotBack() throws Exception {
        AtomicBoolean interrupted = new AtomicBoolean();
        worker(WorkerOptions.builder().maxConcurrentInvocations(1));
        worker.registerFunction("t::stuck", FunctionOptions.builder().timeout(Duration.ofMillis(200)).build(),
                (payload, context) -> {
                    try {
                        never.await();
                    }
                    catch (InterruptedException ex) {
                        interrupted.set(true);
                    }
                    return "late";
                });
        worker.registerFunction("t::quick", (payload, context) -> "quick");
        connect();

        InvokeFunction stuck = invoke("t::stuck");
        InvokeFunction queued = invoke("t::quick");
        InvocationResult timedOut = side.answerTo(stuck);
        assertThat(timedOut.error().code()).isEqualTo(ErrorCode.HANDLER_TIMEOUT);
        assertThat(timedOut.error().message()).contains("t::stuck");
        await().until(interrupted::get);
        assertThat(side.answerTo(queued).result().tree().asString()).isEqualTo("quick");
        assertThat(side.receivedOf(InvocationResult.class)).filteredOn(r -> r.invocationId().equals(stuck.invocationId()))
                .hasSize(1);
        await().until(() -> worker.statistics().inFlightInvocations() == 0);
    }

    @Test
    void aStageThatNeverCompletesIsAnsweredAtItsDeadlineAndCancelled() throws Exception {
        CompletableFuture<Object> forever = new CompletableFuture<>();
        worker(WorkerOptions.builder().maxConcurrentInvocations(1).handlerTimeout(Duration.ofMillis(200)));
        worker.registerFunction("t::forever", (payload, context) -> forever);
        worker.registerFunction("t::quick", (payload, context) -> "quick");
        connect();

        InvokeFunction waiting = invoke("t::forever");
        assertThat(side.answerTo(waiting).error().code()).isEqualTo(ErrorCode.HANDLER_TIMEOUT);
        await().until(forever::isCancelled);
        assertThat(side.answerTo(invoke("t::quick")).result().tree().asString()).isEqualTo("quick");
        assertThat(worker.statistics().overdueInvocations()).isZero();
    }

    @Test
    void aHandlerThatIgnoresItsInterruptHoldsItsSlotAsOverdueUntilItReturns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        worker(WorkerOptions.builder().maxConcurrentInvocations(1).maxQueuedInvocations(0));
        worker.registerFunction("t::stubborn", FunctionOptions.builder().timeout(Duration.ofMillis(100)).build(),
                (payload, context) -> {
                    while (release.getCount() > 0) {
                        try {
                            release.await();
                        }
                        catch (InterruptedException ex) {
                            // ignores it, as some blocking code does
                        }
                    }
                    return "done";
                });
        connect();

        InvokeFunction stubborn = invoke("t::stubborn");
        assertThat(side.answerTo(stubborn).error().code()).isEqualTo(ErrorCode.HANDLER_TIMEOUT);
        await().until(() -> worker.statistics().overdueInvocations() == 1);
        // Its slot is still taken: with no queue, the next invocation is turned away at once.
        assertThat(side.answerTo(invoke("t::stubborn")).error().code()).isEqualTo(ErrorCode.WORKER_BUSY);

        release.countDown();
        await().until(() -> worker.statistics().overdueInvocations() == 0 && worker.statistics().inFlightInvocations() == 0);
        assertThat(side.answerTo(invoke("t::stubborn")).result().tree().asString()).isEqualTo("done");
    }

    @Test
    void beyondTheWaitQueueInvocationsAreTurnedAwayAtOnce() throws Exception {
        worker(WorkerOptions.builder().maxConcurrentInvocations(1).maxQueuedInvocations(1));
        worker.registerFunction("t::block", (payload, context) -> {
            never.await();
            return null;
        });
        connect();

        invoke("t::block");
        await().until(() -> worker.statistics().inFlightInvocations() == 1);
        invoke("t::block");
        await().until(() -> worker.statistics().inFlightInvocations() == 2);
        InvocationResult busy = side.answerTo(invoke("t::block"));
        assertThat(busy.error().code()).isEqualTo(ErrorCode.WORKER_BUSY);
        assertThat(worker.statistics().inFlightInvocations()).isEqualTo(2);
    }

    @Test
    void aFunctionsOwnLimitHoldsBackOnlyThatFunction() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        worker(WorkerOptions.builder().maxConcurrentInvocations(4));
        worker.registerFunction("t::serial", FunctionOptions.builder().maxConcurrency(1).build(),
                (payload, context) -> {
                    release.await();
                    return "serial";
                });
        worker.registerFunction("t::free", (payload, context) -> "free");
        connect();

        InvokeFunction first = invoke("t::serial");
        InvokeFunction second = invoke("t::serial");
        await().until(() -> worker.statistics().inFlightInvocations() == 2);
        assertThat(side.answerTo(invoke("t::free")).result().tree().asString()).isEqualTo("free");
        assertThat(side.receivedOf(InvocationResult.class)).noneMatch(r -> r.invocationId().equals(first.invocationId())
                || r.invocationId().equals(second.invocationId()));

        release.countDown();
        assertThat(side.answerTo(first).result().tree().asString()).isEqualTo("serial");
        assertThat(side.answerTo(second).result().tree().asString()).isEqualTo("serial");
    }

    @Test
    void aDuplicatedInvocationIdIsAnsweredOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        worker(WorkerOptions.builder());
        worker.registerFunction("t::once", (payload, context) -> {
            release.await();
            return "once";
        });
        connect();

        InvokeFunction frame = invoke("t::once");
        side.send(frame);
        await().until(() -> worker.statistics().inFlightInvocations() == 1);
        release.countDown();
        assertThat(side.answerTo(frame).result().tree().asString()).isEqualTo("once");
        await().until(() -> worker.statistics().inFlightInvocations() == 0);
        assertThat(side.receivedOf(InvocationResult.class)).hasSize(1);
    }
}
