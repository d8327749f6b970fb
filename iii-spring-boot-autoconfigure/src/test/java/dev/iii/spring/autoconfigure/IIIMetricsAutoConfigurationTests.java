package dev.iii.spring.autoconfigure;

import dev.iii.spring.observation.IIIWorkerMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class IIIMetricsAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(IIIAutoConfiguration.class, IIIMetricsAutoConfiguration.class))
            .withPropertyValues("iii.url=ws://127.0.0.1:9", "iii.reconnect.initial-delay=10s");

    @Test
    void createsGaugesOfTheWorker() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(IIIWorkerMetrics.class);
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            context.getBean(IIIWorkerMetrics.class).bindTo(registry);
            assertThat(registry.get("iii.worker.connected").gauge().value()).isZero();
            assertThat(registry.get("iii.worker.invocations.active").gauge().value()).isZero();
            assertThat(registry.get("iii.worker.calls.pending").gauge().value()).isZero();
            assertThat(registry.get("iii.worker.reconnects").functionCounter().count()).isZero();
        });
    }

    @Test
    void disabledByProperty() {
        runner.withPropertyValues("iii.metrics.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(IIIWorkerMetrics.class));
    }

    @Test
    void backsOffWithoutMicrometer() {
        runner.withClassLoader(new FilteredClassLoader(MeterBinder.class))
                .run(context -> assertThat(context).doesNotHaveBean(IIIWorkerMetrics.class));
    }

    @Test
    void backsOffForAUserBinder() {
        runner.withBean(IIIWorkerMetrics.class, () -> new IIIWorkerMetrics(null))
                .run(context -> assertThat(context).hasSingleBean(IIIWorkerMetrics.class));
    }
}
