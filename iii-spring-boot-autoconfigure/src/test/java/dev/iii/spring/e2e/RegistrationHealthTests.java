package dev.iii.spring.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.iii.engine.EmbeddedEngine;
import dev.iii.sdk.IIIWorker;
import dev.iii.sdk.RegistrationProblem;
import dev.iii.sdk.WorkerOptions;
import dev.iii.spring.annotation.CronTrigger;
import dev.iii.spring.annotation.IIIFunction;
import dev.iii.spring.autoconfigure.IIIAutoConfiguration;
import dev.iii.spring.autoconfigure.IIIConnectionDetails;
import dev.iii.spring.autoconfigure.IIIHealthContributorAutoConfiguration;
import dev.iii.spring.health.IIIHealthIndicator;
import dev.iii.spring.lifecycle.IIIRegistrationProblemsEvent;
import dev.iii.spring.observation.IIIWorkerMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A replica whose function another worker owns: the engine refuses it, and the application says so in its health,
 * its events and a gauge, instead of reporting UP while its cron trigger doubles the owner's.
 */
class RegistrationHealthTests {

    private static EmbeddedEngine engine;
    private static IIIWorker owner;

    @BeforeAll
    static void startEngineAndOwner() throws InterruptedException {
        engine = EmbeddedEngine.builder().port(0).httpPort(0).build().start();
        owner = IIIWorker.create(WorkerOptions.builder().url(engine.url()).name("owner").build());
        owner.registerFunction("reports::nightly", (payload, context) -> "owner");
        owner.start();
        assertThat(owner.awaitConnected(Duration.ofSeconds(30))).isTrue();
    }

    @AfterAll
    static void stop() {
        owner.shutdown(Duration.ofSeconds(1));
        engine.close();
    }

    /** The replica's copy of the owner's function, bound to a cron trigger. */
    static class Reports {
        @IIIFunction("reports::nightly")
        @CronTrigger("0 0 3 * * *")
        String nightly() {
            return "replica";
        }
    }

    private final List<IIIRegistrationProblemsEvent> events = new CopyOnWriteArrayList<>();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, IIIAutoConfiguration.class,
                    IIIHealthContributorAutoConfiguration.class))
            .withBean(IIIConnectionDetails.class, () -> engine::url).withBean(Reports.class)
            .withBean("problemEvents", ApplicationListener.class,
                    () -> (ApplicationListener<IIIRegistrationProblemsEvent>) events::add)
            .withPropertyValues("iii.worker.name=replica-" + UUID.randomUUID());

    @Test
    void aRefusedFunctionIsOutOfServiceWithTheEnginesReasonAnEventAndAGauge() {
        runner.run(context -> {
            IIIHealthIndicator health = context.getBean(IIIHealthIndicator.class);
            await().until(() -> health.health(true).getStatus().equals(Status.OUT_OF_SERVICE)
                    && "FUNCTIONS_MISSING".equals(health.health(true).getDetails().get("state")));
            Health report = health.health(true);
            assertThat(report.getDetails().get("registrationProblems")).asList().extracting("kind")
                    .containsExactlyInAnyOrder("FUNCTION_REFUSED", "BINDING_NOT_BOUND");
            assertThat(report.getDetails().get("registrationProblems").toString())
                    .contains("reports::nightly").contains("FUNCTION_NAMESPACE_CONFLICT");
            await().until(() -> !events.isEmpty() && events.get(events.size() - 1).getProblems().size() == 2);

            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            new IIIWorkerMetrics(context.getBean(IIIWorker.class)).bindTo(meters);
            assertThat(meters.get("iii.worker.registration.problems").tag("kind", "function_refused").gauge().value())
                    .isEqualTo(1);
            assertThat(meters.get("iii.worker.registration.problems").tag("kind", "binding_pending").gauge().value())
                    .isZero();
        });
    }

    @Test
    void healthStaysUpWhenToldToAndStillListsTheProblem() {
        runner.withPropertyValues("iii.health.require-all-functions=false").run(context -> {
            IIIWorker worker = context.getBean(IIIWorker.class);
            await().until(() -> worker.registrationProblems().stream()
                    .anyMatch(problem -> problem.kind() == RegistrationProblem.Kind.FUNCTION_REFUSED));
            Health report = context.getBean(IIIHealthIndicator.class).health(true);
            assertThat(report.getStatus()).isEqualTo(Status.UP);
            assertThat(report.getDetails()).containsKey("registrationProblems");
        });
    }

    @Test
    void aWorkerWithNothingWrongHasNoProblemsInItsHealth() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(IIIAutoConfiguration.class, IIIHealthContributorAutoConfiguration.class))
                .withBean(IIIConnectionDetails.class, () -> engine::url)
                .withPropertyValues("iii.worker.name=fine-" + UUID.randomUUID()).run(context -> {
                    IIIHealthIndicator health = context.getBean(IIIHealthIndicator.class);
                    await().until(() -> health.health(true).getStatus().equals(Status.UP));
                    assertThat(health.health(true).getDetails()).doesNotContainKey("registrationProblems");
                    assertThat(Map.copyOf(health.health(true).getDetails())).containsEntry("state", "CONNECTED");
                });
    }
}
