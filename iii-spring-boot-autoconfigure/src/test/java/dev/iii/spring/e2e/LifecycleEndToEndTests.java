package dev.iii.spring.e2e;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import dev.iii.engine.EmbeddedEngine;
import dev.iii.sdk.ConnectionState;
import dev.iii.sdk.IIIWorker;
import dev.iii.sdk.WorkerOptions;
import dev.iii.spring.autoconfigure.IIIConnectionDetails;
import dev.iii.spring.health.IIIHealthIndicator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Health across an engine restart, and a graceful stop with work in flight. */
class LifecycleEndToEndTests {

    private EmbeddedEngine engine;
    private ConfigurableApplicationContext application;
    private IIIWorker caller;

    @AfterEach
    void stop() {
        if (caller != null) {
            caller.shutdown(Duration.ofSeconds(1));
        }
        if (application != null) {
            application.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    private ConfigurableApplicationContext start(EmbeddedEngine target) {
        IIIConnectionDetails details = target::url;
        return new SpringApplicationBuilder(OrdersApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("testConnectionDetails", details))
                .properties("spring.main.web-application-type=none", "iii.reconnect.initial-delay=100ms",
                        "iii.reconnect.max-delay=500ms", "iii.shutdown.grace-period=20s",
                        "spring.lifecycle.timeout-per-shutdown-phase=25s")
                .run();
    }

    @Test
    void healthGoesOutOfServiceWhileTheEngineIsAwayAndUpWhenItReturns() {
        engine = EmbeddedEngine.builder().port(0).httpPort(0).build().start();
        int port = engine.port();
        application = start(engine);
        IIIHealthIndicator health = application.getBean(IIIHealthIndicator.class);
        await().until(() -> health.health(false).getStatus().equals(Status.UP));

        engine.close();
        await().until(() -> health.health(true).getStatus().equals(Status.OUT_OF_SERVICE));
        assertThat(health.health(true).getDetails().get("state")).isIn("RECONNECTING", "CONNECTING");

        engine = EmbeddedEngine.builder().port(port).httpPort(0).build().start();
        await().atMost(Duration.ofSeconds(30)).until(() -> health.health(false).getStatus().equals(Status.UP));
        assertThat(application.getBean(IIIWorker.class).statistics().reconnectCount()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void stoppingTheApplicationFinishesTheInvocationInFlightBeforeLeaving() throws Exception {
        OrdersApplication.Orders.release = new CountDownLatch(1);
        engine = EmbeddedEngine.builder().port(0).httpPort(0).build().start();
        application = start(engine);
        IIIWorker worker = application.getBean(IIIWorker.class);
        await().until(() -> worker.connectionState() == ConnectionState.CONNECTED);
        caller = IIIWorker.create(WorkerOptions.builder().url(engine.url()).name("caller").build()).start();
        assertThat(caller.awaitConnected(Duration.ofSeconds(20))).isTrue();

        CompletableFuture<String> inFlight = caller.call("orders::slow", "job", String.class);
        OrdersApplication.Orders.slowStarted.await();
        CompletableFuture<Void> closing = CompletableFuture.runAsync(application::close);
        await().until(worker::isShuttingDown);
        assertThat(closing).isNotDone();
        assertThat(inFlight).isNotDone();

        OrdersApplication.Orders.release.countDown();
        assertThat(inFlight.get()).isEqualTo("job done");
        closing.get();
        assertThat(worker.connectionState()).isEqualTo(ConnectionState.DISCONNECTED);
        application = null;
    }
}
