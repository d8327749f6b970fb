package dev.iii.spring.autoconfigure;

import dev.iii.spring.health.IIIHealthIndicator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class IIIHealthContributorAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(IIIAutoConfiguration.class, IIIHealthContributorAutoConfiguration.class))
            .withPropertyValues("iii.url=ws://127.0.0.1:9", "iii.reconnect.initial-delay=10s");

    @Test
    void createsTheIndicatorWhichIsOutOfServiceWhileNotConnected() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(IIIHealthIndicator.class);
            Health health = context.getBean(IIIHealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
            assertThat(health.getDetails()).containsEntry("url", "ws://127.0.0.1:9").containsKey("state")
                    .containsEntry("functions", 0);
        });
    }

    @Test
    void reportedUrlsNeverCarryCredentials() {
        runner.withPropertyValues("iii.url=ws://user:secret@127.0.0.1:9/?token=abc").run(context ->
                assertThat(context.getBean(IIIHealthIndicator.class).health(true).getDetails())
                        .containsEntry("url", "ws://127.0.0.1:9/"));
    }

    @Test
    void backsOffForAUserIndicator() {
        runner.withBean("iiiHealthIndicator", HealthIndicator.class, () -> () -> Health.up().build())
                .run(context -> assertThat(context).doesNotHaveBean(IIIHealthIndicator.class));
    }

    @Test
    void disabledByProperty() {
        runner.withPropertyValues("management.health.iii.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(IIIHealthIndicator.class));
    }

    @Test
    void backsOffWithoutSpringBootHealth() {
        runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run(context -> assertThat(context).doesNotHaveBean(IIIHealthIndicator.class));
    }

    @Test
    void backsOffWithoutAWorker() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(IIIHealthContributorAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(IIIHealthIndicator.class));
    }
}
