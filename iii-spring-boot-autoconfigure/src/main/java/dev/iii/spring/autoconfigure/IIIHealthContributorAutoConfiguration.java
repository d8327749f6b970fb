package dev.iii.spring.autoconfigure;

import dev.iii.sdk.IIIWorker;
import dev.iii.spring.health.IIIHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/** The {@code iii} health indicator, when Spring Boot's health support is present. */
@AutoConfiguration(after = IIIAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(IIIWorker.class)
@ConditionalOnEnabledHealthIndicator("iii")
public final class IIIHealthContributorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "iiiHealthIndicator")
    IIIHealthIndicator iiiHealthIndicator(IIIWorker worker, IIIProperties properties) {
        return new IIIHealthIndicator(worker, properties.health().requireAllFunctions());
    }
}
