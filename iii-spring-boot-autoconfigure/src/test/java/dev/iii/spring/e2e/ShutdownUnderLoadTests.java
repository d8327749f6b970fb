package dev.iii.spring.e2e;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import dev.iii.engine.EmbeddedEngine;
import dev.iii.sdk.ConnectionState;
import dev.iii.sdk.ErrorCode;
import dev.iii.sdk.IIIWorker;
import dev.iii.sdk.InvocationException;
import dev.iii.sdk.WorkerOptions;
import dev.iii.spring.annotation.IIIFunction;
import dev.iii.spring.autoconfigure.IIIConnectionDetails;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * A deploy stopping the application with a hundred calls in flight: they finish inside the grace period, new
 * calls are refused with {@code invocation_stopped}, a handler that outlives the grace period is stopped and
 * its caller answered, and the functions leave the engine before the socket closes.
 */
@ExtendWith(OutputCaptureExtension.class)
class ShutdownUnderLoadTests {

    private static final int IN_FLIGHT = 100;

    private EmbeddedEngine engine;
    private IIIWorker caller;

    @AfterEach
    void stop() {
        Work.release.countDown();
        if (caller != null) {
            caller.shutdown(Duration.ofSeconds(1));
        }
        engine.close();
    }

    /** Functions whose handlers wait for the test. */
    static class Work {
        static CountDownLatch release;
        static CountDownLatch never;

        @IIIFunction("load::work")
        String work(String job) throws InterruptedException {
            release.await();
            return job + " done";
        }

        @IIIFunction("load::forever")
        String forever() throws InterruptedException {
            never.await();
            return "never";
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class LoadApplication {
        @Bean
        Work work() {
            return new Work();
        }
    }

    @Test
    void inFlightCallsFinishNewOnesAreRefusedAndAHandlerPastTheGracePeriodIsStopped(CapturedOutput output)
            throws Exception {
        Work.release = new CountDownLatch(1);
        Work.never = new CountDownLatch(1);
        engine = EmbeddedEngine.builder().port(0).httpPort(0).build().start();
        IIIConnectionDetails details = engine::url;
        ConfigurableApplicationContext application = new SpringApplicationBuilder(LoadApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("testConnectionDetails", details))
                .properties("spring.main.web-application-type=none", "iii.worker.name=loaded",
                        "iii.shutdown.grace-period=8s", "spring.lifecycle.timeout-per-shutdown-phase=30s")
                .run();
        IIIWorker worker = application.getBean(IIIWorker.class);
        await().until(() -> worker.connectionState() == ConnectionState.CONNECTED);
        caller = IIIWorker.create(WorkerOptions.builder().url(engine.url()).name("deployer")
                .invocationTimeout(Duration.ofSeconds(60)).build()).start();
        assertThat(caller.awaitConnected(Duration.ofSeconds(20))).isTrue();

        List<CompletableFuture<String>> inFlight = IntStream.range(0, IN_FLIGHT)
                .mapToObj(i -> caller.call("load::work", "job-" + i, String.class)).toList();
        CompletableFuture<String> stuck = caller.call("load::forever", null, String.class);
        await().until(() -> worker.statistics().inFlightInvocations() == IN_FLIGHT + 1);

        CompletableFuture<Void> closing = CompletableFuture.runAsync(application::close);
        await().until(worker::isShuttingDown);
        InvocationException refused = failure(caller.call("load::work", "late", String.class));
        assertThat(refused.getCode()).isEqualTo(ErrorCode.INVOCATION_STOPPED);
        assertThat(inFlight).noneMatch(CompletableFuture::isDone);

        Work.release.countDown();
        for (int i = 0; i < IN_FLIGHT; i++) {
            assertThat(inFlight.get(i).get(30, TimeUnit.SECONDS)).isEqualTo("job-" + i + " done");
        }
        assertThat(failure(stuck).getCode()).isEqualTo(ErrorCode.INVOCATION_STOPPED);
        closing.get(30, TimeUnit.SECONDS);
        assertThat(worker.connectionState()).isEqualTo(ConnectionState.DISCONNECTED);

        // The engine logs the disconnect on its own thread, once it has seen the socket close.
        await().until(() -> output.getOut().contains("(loaded) disconnected"));
        String log = output.getOut();
        int unregistered = log.indexOf("function load::work unregistered");
        int disconnected = log.indexOf("(loaded) disconnected");
        assertThat(unregistered).isPositive();
        assertThat(log.indexOf("function load::forever unregistered")).isPositive().isLessThan(disconnected);
        assertThat(unregistered).isLessThan(disconnected);
    }

    private static InvocationException failure(CompletableFuture<?> call) {
        return (InvocationException) catchThrowable(() -> call.get(30, TimeUnit.SECONDS))
                .getCause();
    }
}
