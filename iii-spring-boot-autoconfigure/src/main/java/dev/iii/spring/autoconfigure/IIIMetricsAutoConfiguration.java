package dev.iii.spring.autoconfigure;

import dev.iii.sdk.IIIWorker;
import dev.iii.spring.observation.IIIWorkerMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Gauges of the worker's connection and work, when Micrometer is present; Spring Boot binds them to its
 * meter registries.
 */
@AutoConfiguration(after = IIIAutoConfiguration.class,
        afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration")
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBean(IIIWorker.class)
@ConditionalOnBooleanProperty(name = "iii.metrics.enabled", matchIfMissing = true)
public final class IIIMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    IIIWorkerMetrics iiiWorkerMetrics(IIIWorker worker) {
        return new IIIWorkerMetrics(worker);
    }
}
