package dev.iii.spring.e2e;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import dev.iii.engine.EmbeddedEngine;
import dev.iii.sdk.ConnectionState;
import dev.iii.sdk.ErrorCode;
import dev.iii.sdk.IIIWorker;
import dev.iii.sdk.InvocationException;
import dev.iii.sdk.discovery.FunctionInfo;
import dev.iii.spring.annotation.IIIFunction;
import dev.iii.spring.autoconfigure.IIIAutoConfiguration;
import dev.iii.spring.autoconfigure.IIIConnectionDetails;
import dev.iii.spring.autoconfigure.IIIHealthContributorAutoConfiguration;
import dev.iii.spring.client.IIITemplate;
import dev.iii.spring.health.IIIHealthIndicator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.util.TestPropertyValues;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@code @IIIFunction(timeout, concurrency, nonBlocking)}: a function's own deadline, limit and thread, through a
 * real engine.
 */
class FunctionLimitsTests {

    private static EmbeddedEngine engine;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, IIIAutoConfiguration.class))
            .withBean(IIIConnectionDetails.class, () -> engine::url)
            // A name per context: the engine may not have seen the previous context's worker leave yet.
            .withInitializer(context -> TestPropertyValues.of("iii.worker.name=limits-" + UUID.randomUUID())
                    .applyTo(context));

    @BeforeAll
    static void startEngine() {
        engine = EmbeddedEngine.builder().port(0).httpPort(0).build().start();
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    /** Functions with limits of their own; each test gets fresh latches. */
    static class Limited {
        final CountDownLatch serialRelease = new CountDownLatch(1);
        final CountDownLatch never = new CountDownLatch(1);

        @IIIFunction(value = "limits::slow", timeout = "${limits.timeout:200ms}")
        String slow() throws InterruptedException {
            never.await();
            return "late";
        }

        @IIIFunction(value = "limits::serial", concurrency = "1")
        String serial() throws InterruptedException {
            serialRelease.await();
            return "serial";
        }

        @IIIFunction("limits::free")
        String free() {
            return "free";
        }
    }

    /** One that ignores its interrupt, as some blocking code does. */
    static class Stubborn {
        final CountDownLatch release = new CountDownLatch(1);

        @IIIFunction(value = "limits::stubborn", timeout = "100ms")
        String stubborn() {
            while (release.getCount() > 0) {
                try {
                    release.await();
                }
                catch (InterruptedException ex) {
                    // ignored on purpose
                }
            }
            return "done";
        }
    }

    /** Reports the thread it runs on; one of them waits for a call, which a non-blocking method must not. */
    static class Threads {
        private final IIITemplate iii;

        Threads(IIITemplate iii) {
            this.iii = iii;
        }

        @IIIFunction(value = "limits::non-blocking", nonBlocking = "true")
        String nonBlocking() {
            return Thread.currentThread().getName();
        }

        @IIIFunction("limits::pooled")
        String pooled() {
            return Thread.currentThread().getName();
        }

        @IIIFunction(value = "limits::waits", nonBlocking = "true")
        String waits() {
            return iii.function("limits::pooled").retrieve(String.class);
        }

        @IIIFunction(value = "limits::composes", nonBlocking = "true")
        CompletableFuture<String> composes() {
            return iii.function("limits::pooled").retrieveAsync(String.class).thenApply(name -> "composed");
        }
    }

    static class Misconfigured {
        @IIIFunction(value = "limits::bad", timeout = "soon")
        void bad() {
        }
    }

    static class UnclearNonBlocking {
        @IIIFunction(value = "limits::unclear", nonBlocking = "${limits.non-blocking:maybe}")
        String unclear() {
            return "unclear";
        }
    }

    @Test
    void aFunctionsTimeoutAnswersItsCallerAndItsConcurrencyHoldsBackOnlyItself() {
        runner.withBean(Limited.class).run(context -> {
            assertThat(context).hasNotFailed();
            IIIWorker worker = context.getBean(IIIWorker.class);
            IIITemplate iii = context.getBean(IIITemplate.class);
            Limited limited = context.getBean(Limited.class);
            await().until(() -> worker.connectionState() == ConnectionState.CONNECTED);
            await().until(() -> worker.discovery().listFunctions().join().stream().map(FunctionInfo::functionId).toList()
                    .containsAll(List.of("limits::slow", "limits::serial", "limits::free")));

            InvocationException timedOut = catchThrowableOfType(InvocationException.class,
                    () -> iii.function("limits::slow").retrieve(JsonNode.class));
            assertThat(timedOut.getCode()).isEqualTo(ErrorCode.HANDLER_TIMEOUT);

            CompletableFuture<String> first = iii.function("limits::serial").retrieveAsync(String.class);
            CompletableFuture<String> second = iii.function("limits::serial").retrieveAsync(String.class);
            await().until(() -> worker.statistics().inFlightInvocations() == 2);
            assertThat(iii.function("limits::free").retrieve(String.class)).isEqualTo("free");
            assertThat(first).isNotDone();
            assertThat(second).isNotDone();
            limited.serialRelease.countDown();
            assertThat(first.join()).isEqualTo("serial");
            assertThat(second.join()).isEqualTo("serial");
            limited.never.countDown();
        });
    }

    @Test
    void healthIsOutOfServiceWhileEveryHandlerSlotIsHeldPastItsDeadline() {
        runner.withConfiguration(AutoConfigurations.of(IIIHealthContributorAutoConfiguration.class))
                .withBean(Stubborn.class).withPropertyValues("iii.max-concurrent-invocations=1").run(context -> {
                    IIIWorker worker = context.getBean(IIIWorker.class);
                    IIIHealthIndicator health = context.getBean(IIIHealthIndicator.class);
                    await().until(() -> health.health(false).getStatus().equals(Status.UP));
                    await().until(() -> worker.discovery().listFunctions().join().stream().map(FunctionInfo::functionId)
                            .toList().contains("limits::stubborn"));

                    InvocationException timedOut = catchThrowableOfType(InvocationException.class,
                            () -> context.getBean(IIITemplate.class).function("limits::stubborn").retrieve(String.class));
                    assertThat(timedOut.getCode()).isEqualTo(ErrorCode.HANDLER_TIMEOUT);
                    await().until(() -> health.health(true).getStatus().equals(Status.OUT_OF_SERVICE));
                    assertThat(health.health(true).getDetails()).containsEntry("state", "WEDGED")
                            .containsEntry("invocationsOverdue", 1);

                    context.getBean(Stubborn.class).release.countDown();
                    await().until(() -> health.health(false).getStatus().equals(Status.UP));
                });
    }

    @Test
    void theInvocationPoolGrowsOnlyAsFarAsTheLoadNeeds() {
        runner.withBean(Limited.class).run(context -> {
            IIIWorker worker = context.getBean(IIIWorker.class);
            IIITemplate iii = context.getBean(IIITemplate.class);
            await().until(() -> worker.connectionState() == ConnectionState.CONNECTED);
            await().until(() -> worker.discovery().listFunctions().join().stream().map(FunctionInfo::functionId).toList()
                    .contains("limits::free"));
            for (int i = 0; i < 200; i++) {
                assertThat(iii.function("limits::free").retrieve(String.class)).isEqualTo("free");
            }
            // One call at a time needs a thread or two, not one per call up to the cap of 256.
            assertThat(Thread.getAllStackTraces().keySet()).map(Thread::getName)
                    .filteredOn(name -> name.startsWith("iii-invocation-"))
                    .allSatisfy(name -> assertThat(Integer.parseInt(name.substring("iii-invocation-".length())))
                            .isLessThanOrEqualTo(16));
        });
    }

    @Test
    void aNonBlockingFunctionRunsOnTheReadingThreadAndMayComposeCallsButNotWaitForThem() {
        runner.withBean(Threads.class).run(context -> {
            IIIWorker worker = context.getBean(IIIWorker.class);
            IIITemplate iii = context.getBean(IIITemplate.class);
            await().until(() -> worker.discovery().listFunctions().join().stream().map(FunctionInfo::functionId).toList()
                    .containsAll(List.of("limits::non-blocking", "limits::pooled", "limits::waits",
                            "limits::composes")));

            assertThat(iii.function("limits::pooled").retrieve(String.class)).startsWith("iii-invocation-");
            assertThat(iii.function("limits::non-blocking").retrieve(String.class)).startsWith("iii-socket-");
            assertThat(iii.function("limits::composes").retrieve(String.class)).isEqualTo("composed");
            InvocationException refused = catchThrowableOfType(InvocationException.class,
                    () -> iii.function("limits::waits").retrieve(String.class));
            assertThat(refused.getCode()).isEqualTo(ErrorCode.INVOCATION_FAILED);
            assertThat(refused.getMessage()).contains("non-blocking");
        });
    }

    @Test
    void aNonBlockingValueThatIsNeitherTrueNorFalseFailsStartupNamingBeanAndMethod() {
        runner.withBean("unclear", UnclearNonBlocking.class).run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("unclear.unclear").hasMessageContaining("'maybe'"));
    }

    @Test
    void aTimeoutThatDoesNotParseFailsStartupNamingBeanAndMethod() {
        runner.withBean("misconfigured", Misconfigured.class).run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("misconfigured.bad").hasMessageContaining("'soon'"));
    }
}
